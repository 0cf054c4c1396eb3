import type { ImportSummary, SealCheck } from '../../shared/types';
import { csvRow, jsonReplacer } from '../../shared/csv';
import { Case } from '../core/case/case';
import { importEvidence } from '../core/import/import-service';
import { flag, params, requireFlag, type ParsedArgs } from './args';
import { formatTable } from './format-table';
import { describeSealCheck } from '../core/integrity/verify-seals';
import { renderIntegrityText, verifyManifestDigests, type IntegrityStatus } from '../core/integrity';
import { CairnError } from '../core/errors';
import { libraryDefaults, loadQueryLibrary } from '../core/query/query-library';
import { join } from 'node:path';
import { verifyExportCommand } from './export-commands';

const LIBRARY_DIR = join(__dirname, '..', '..', '..', 'resources', 'queries');

export async function libraryCommand(args: ParsedArgs, io: Out): Promise<number> {
  const library = loadQueryLibrary(LIBRARY_DIR);
  if (flag(args, 'json')) { io.out(JSON.stringify(library, null, 2) + '\n'); return EXIT.ok; }
  io.out(formatTable(['id', 'title', 'tables', 'params'], library.map((q) => [q.id, q.title, q.tables.join(','),
    q.params.map((p) => `${p.name}${p.required ? '' : '?'}${p.default !== undefined ? `=${p.default}` : ''}`).join(' ')])) + '\n');
  return EXIT.ok;
}

/**
 * Exit codes (README "Exit codes", cli.ts USAGE). 4 and 5 are not successes a script may take for one: evidence or
 * its audit trail that does not verify, and an import that imported nothing because no file was recognised.
 */
export const EXIT = { ok: 0, error: 1, usage: 2, rejects: 3, integrity: 4, nothingImported: 5 } as const;

type Out = { out: (s: string) => void; err: (s: string) => void };

export async function importCommand(args: ParsedArgs, io: Out): Promise<number> {
  const dir = requireFlag(args, 'case');
  if (args.positional.length === 0) throw new CairnError('BAD_REQUEST', 'give at least one file or folder to import');
  const c = await Case.open(dir, { create: { name: flag(args, 'name') ?? dir, examiner: flag(args, 'examiner') ?? process.env.USER ?? 'unknown' } });
  const controller = new AbortController();
  const onSigint = (): void => { io.err('\ncancelling import...\n'); controller.abort(); };
  process.once('SIGINT', onSigint);
  try {
    let last = '';
    const batchMb = flag(args, 'batch-mb');
    const summary = await importEvidence(c, args.positional, {
      signal: controller.signal,
      batchBytes: batchMb ? Number(batchMb) * 1024 * 1024 : undefined,
      as: flag(args, 'as'),
      onProgress: (p) => {
        if (flag(args, 'quiet') || !process.stderr.isTTY) return;
        const mib = (n: number): string => (n / 1048576).toFixed(1);
        const line = `[${p.phase}] files ${p.filesDone}/${p.filesTotal}  read ${mib(p.bytesDone)}/${mib(p.bytesTotal)} MiB  done ${mib(p.bytesFinished)} MiB  records ${p.records}`;
        if (line !== last) { io.err(`\r${line}`); last = line; }
      },
    });
    if (!flag(args, 'quiet') && process.stderr.isTTY) io.err('\n');
    if (flag(args, 'json')) io.out(JSON.stringify(summary, jsonReplacer, 2) + '\n');
    else io.out(describeSummary(summary));
    if (summary.state === 'cancelled') return EXIT.error;
    return importExitCode(summary);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await c.close();
  }
}

/** 3 for rejects or failures; 4 when no file was imported, recorded or already in the case (all unsupported or undecided). */
export function importExitCode(s: ImportSummary): number {
  if (s.totals.rejected > 0 || s.totals.failed > 0) return EXIT.rejects;
  const taken = s.files.some((f) => f.status === 'imported' || f.status === 'imported_with_rejects' || f.status === 'recorded' || f.status === 'duplicate');
  if (!taken) return EXIT.nothingImported;
  return s.totals.needsDecision > 0 ? EXIT.rejects : EXIT.ok;
}

function describeSummary(s: ImportSummary): string {
  const rows = s.files.map((f) => [f.relPath, f.format ?? '', f.status, f.recordsRead, f.imported, f.rejected, f.reason ?? '']);
  const t = s.totals;
  return formatTable(['file', 'format', 'status', 'read', 'imported', 'rejected', 'reason'], rows) +
    `\n${s.state}: ${t.files} file(s), ${t.recordsRead} record(s) read, ${t.imported} imported, ${t.rejected} rejected, ` +
    `${t.failed} failed, ${t.needsDecision} need a decision (--as FORMAT), ${t.unsupported} unsupported, ${t.duplicate} duplicate, in ${(s.elapsedMs / 1000).toFixed(1)} s\n`;
}

export async function queryCommand(args: ParsedArgs, io: Out): Promise<number> {
  const dir = requireFlag(args, 'case');
  const libraryId = flag(args, 'library');
  let sql = args.positional.join(' ');
  let bound = params(args);
  if (libraryId) {
    if (sql.trim()) throw new CairnError('BAD_REQUEST', 'give either --library ID or SQL, not both');
    const q = loadQueryLibrary(LIBRARY_DIR).find((x) => x.id === libraryId);
    if (!q) throw new CairnError('BAD_REQUEST', `no library query ${JSON.stringify(libraryId)}; see cairn library`);
    sql = q.sql;
    bound = { ...libraryDefaults(q), ...bound };
  }
  if (!sql.trim()) throw new CairnError('BAD_REQUEST', 'give the SQL to run');
  const format = flag(args, 'format') ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) throw new CairnError('BAD_REQUEST', `--format must be table, csv or json (got ${format})`);
  const timeout = flag(args, 'timeout');
  const c = await Case.open(dir);
  try {
    const first = await c.queries.run(sql, { params: bound, pageSize: 5000, timeoutMs: timeout ? Number(timeout) * 1000 : undefined });
    if (first.message) { io.out(first.message + '\n'); return EXIT.ok; }
    const names = first.columns.map((col) => col.name);
    const types = first.columns.map((col) => col.type);
    const all: unknown[][] = [];
    if (format === 'csv') io.out(csvRow(names));
    let page = first;
    let offset = 0;
    let firstJson = true;
    if (format === 'json') io.out('[');
    for (;;) {
      for (const row of page.rows) {
        if (format === 'csv') io.out(csvRow(row, types));
        else if (format === 'json') { io.out((firstJson ? '\n' : ',\n') + JSON.stringify(Object.fromEntries(names.map((n, k) => [n, row[k]])), jsonReplacer)); firstJson = false; }
        else all.push(row);
      }
      offset += page.rows.length;
      if (page.done && offset >= page.rowCount) break;
      page = await c.queries.page(first.queryId, offset, 5000);
      if (page.rows.length === 0) break;
    }
    if (format === 'json') io.out('\n]\n');
    if (format === 'table') io.out(formatTable(names, all) + `\n(${all.length} row${all.length === 1 ? '' : 's'})\n`);
    await c.queries.close(first.queryId);
    return EXIT.ok;
  } finally {
    await c.close();
  }
}

export async function infoCommand(args: ParsedArgs, io: Out): Promise<number> {
  const c = await Case.open(requireFlag(args, 'case'));
  try {
    const info = c.info();
    const evidence = c.store.evidence();
    const tables = await c.tables();
    const audit = c.store.verifyAudit();
    const seals = await c.verifySeals();
    const verdict = integrityExit(audit, seals);
    if (flag(args, 'json')) {
      io.out(JSON.stringify({ case: info, evidence, tables, audit, seals }, jsonReplacer, 2) + '\n');
      return verdict;
    }
    io.out(`Case ${info.name}  (examiner ${info.examiner}, created ${info.createdAt})\n${info.dir}\nCairn ${info.toolVersion}, DuckDB ${info.duckdbVersion}\n` +
      `Audit log: ${describeAudit(audit, 16)}\n${describeSealCheck(seals)}\n\n`);
    io.out('Evidence\n' + formatTable(['id', 'file', 'sha256', 'bytes', 'format', 'status', 'read', 'imported', 'rejected', 'reason'],
      evidence.map((e) => [e.id, e.relPath, e.sha256, e.size, e.format ?? '', e.status, e.recordsRead, e.imported, e.rejected, e.reason ?? ''])) + '\n\n');
    io.out('Tables\n' + formatTable(['name', 'kind', 'rows'], tables.map((t) => [t.name, t.kind, t.rows ?? ''])) + '\n');
    if (!audit.ok) io.err(`cairn: the audit log does not verify (entry ${audit.brokenAt}: ${audit.reason})\n`);
    return verdict;
  } finally {
    await c.close();
  }
}

/**
 * `cairn verify`: recomputes the evidence tables' seals and the audit chain and, where the case holds CloudTrail
 * digest files, validates them offline; exit 4 when any fails (a digest check fails on a modified log or a broken chain).
 */
export async function verifyCommand(args: ParsedArgs, io: Out): Promise<number> {
  if (flag(args, 'export') !== undefined && flag(args, 'case') === undefined) return verifyExportCommand(args, io);
  const c = await Case.open(requireFlag(args, 'case'));
  try {
    const audit = c.store.verifyAudit();
    const seals = await c.verifySeals();
    const evidence = c.store.evidence();
    const digests = evidence.some((e) => e.format === 'cloudtrail-digest') ? await verifyManifestDigests(evidence) : null;
    const digestsOk = !digests || DIGEST_FAILURES.every((s) => digests.summary[s] === 0);
    c.store.audit('case.verified', {
      seals: { ok: seals.ok, problems: seals.problems.length, rows: seals.rowsChecked },
      audit: audit.ok ? { ok: true, head: audit.head, entries: audit.entries } : { ok: false },
      ...(digests ? { cloudtrailDigests: digests.summary } : {}),
    });
    const ok = audit.ok && seals.ok && digestsOk;
    if (flag(args, 'json')) io.out(JSON.stringify({ ok, audit, seals, cloudtrailDigests: digests }, jsonReplacer, 2) + '\n');
    else io.out(`audit log: ${describeAudit(audit)}\n${describeSealCheck(seals)}\n${digests ? `\n${renderIntegrityText(digests)}` : 'CloudTrail digests: none in this case\n'}`);
    return ok ? EXIT.ok : EXIT.integrity;
  } finally {
    await c.close();
  }
}

/** Digest results that mean a log or the digest chain was altered; the others (missing, not covered, unverifiable) are shown. */
const DIGEST_FAILURES: IntegrityStatus[] = ['modified', 'chain-broken'];

type AuditCheck = ReturnType<Case['store']['verifyAudit']>;

function describeAudit(a: AuditCheck, headChars = 64): string {
  return a.ok ? `${a.entries} entries, chain verified, head ${a.head.slice(0, headChars)}${headChars < 64 ? '…' : ''}` : `BROKEN at entry ${a.brokenAt}: ${a.reason}`;
}

function integrityExit(audit: AuditCheck, seals: SealCheck): number {
  return audit.ok && seals.ok ? EXIT.ok : EXIT.integrity;
}

