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
import { auditTrail, readAgainst } from '../core/examiner/attestation';
import { describeAuditTrail } from '../core/examiner/audit-trail';

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
    const trail = auditTrail(c);
    const seals = await c.verifySeals();
    const verdict = trail.ok && seals.ok ? EXIT.ok : EXIT.integrity;
    if (flag(args, 'json')) {
      io.out(JSON.stringify({ case: info, evidence, tables, audit, auditTrail: trail, seals }, jsonReplacer, 2) + '\n');
      return verdict;
    }
    io.out(`Case ${info.name}  (examiner ${info.examiner}, created ${info.createdAt})\n${info.dir}\nCairn ${info.toolVersion}, DuckDB ${info.duckdbVersion}\n` +
      `Examiner key: ${describeKeys(c)}\nAudit log: ${describeAuditTrail(trail, 16)}\n${describeSealCheck(seals)}\n\n`);
    io.out('Evidence\n' + formatTable(['id', 'file', 'sha256', 'bytes', 'format', 'status', 'read', 'imported', 'rejected', 'reason'],
      evidence.map((e) => [e.id, e.relPath, e.sha256, e.size, e.format ?? '', e.status, e.recordsRead, e.imported, e.rejected, e.reason ?? ''])) + '\n\n');
    io.out('Tables\n' + formatTable(['name', 'kind', 'rows'], tables.map((t) => [t.name, t.kind, t.rows ?? ''])) + '\n');
    if (!trail.ok) io.err(`cairn: the audit log does not verify: ${trail.problems.join('; ')}\n`);
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
  const againstPath = flag(args, 'against');
  const against = againstPath ? readAgainst(againstPath) : null; // before opening: a bad path is a usage error
  const c = await Case.open(requireFlag(args, 'case'));
  try {
    const trail = auditTrail(c, against?.anchors);
    trail.problems.push(...(against?.problems ?? []));
    trail.ok &&= trail.problems.length === 0;
    const seals = await c.verifySeals();
    const evidence = c.store.evidence();
    const digests = evidence.some((e) => e.format === 'cloudtrail-digest') ? await verifyManifestDigests(evidence) : null;
    const digestsOk = !digests || DIGEST_FAILURES.every((s) => digests.summary[s] === 0);
    c.store.audit('case.verified', {
      seals: { ok: seals.ok, problems: seals.problems.length, rows: seals.rowsChecked },
      audit: trail.ok ? { ok: true, head: trail.head, entries: trail.entries } : { ok: false, problems: trail.problems },
      ...(against ? { against: { path: againstPath, anchors: trail.anchors.filter((a) => a.source !== 'case').map((a) => ({ entries: a.entries, head: a.head, extended: a.extended })) } } : {}),
      ...(digests ? { cloudtrailDigests: digests.summary } : {}),
    });
    // The head is signed only when the trail held: a tampered log must not get a fresh signature.
    const signedHead = trail.ok ? c.signHead({ keep: true }) : null;
    const ok = trail.ok && seals.ok && digestsOk;
    if (flag(args, 'json')) io.out(JSON.stringify({ ok, audit: c.store.verifyAudit(), auditTrail: trail, signedHead, reportSignature: against?.signature ?? null, seals, cloudtrailDigests: digests }, jsonReplacer, 2) + '\n');
    else {
      io.out(`audit log: ${describeAuditTrail(trail)}\n`);
      if (against?.signature) io.out(`report signature: ${against.signature.ok ? 'verified' : 'DOES NOT VERIFY'} (key ${against.signature.fingerprint})\n`);
      io.out(signedHead ? `signed head: ${signedHead.entries} entries, ${signedHead.head} (key ${signedHead.fingerprint})\n` : `signed head: none (${c.examinerKeyError ?? 'the trail does not hold'})\n`);
      io.out(`${describeSealCheck(seals)}\n${digests ? `\n${renderIntegrityText(digests)}` : 'CloudTrail digests: none in this case\n'}`);
    }
    return ok ? EXIT.ok : EXIT.integrity;
  } finally {
    await c.close();
  }
}

/** Digest results that mean a log or the digest chain was altered; the others (missing, not covered, unverifiable) are shown. */
const DIGEST_FAILURES: IntegrityStatus[] = ['modified', 'chain-broken'];

function describeKeys(c: Case): string {
  const here = c.examinerKey ? `this examiner ${c.examinerKey.fingerprint}` : c.examinerKeyError ?? 'none';
  return here;
}

