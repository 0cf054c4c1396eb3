import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RpcError } from '../../shared/api';
import type { AuditChain, CaseIntegrity, ImportSummary, SealCheck } from '../../shared/types';
import { csvRow, jsonReplacer } from '../../shared/csv';
import { parseFieldList } from '../../shared/field-list';
import { flag, params, requireFlag, type ParsedArgs } from './args';
import { formatTable } from './format-table';
import { describeSealCheck } from '../core/integrity/verify-seals';
import { renderIntegrityText } from '../core/integrity';
import { CairnError } from '../core/errors';
import { libraryDefaults } from '../core/query/query-library';
import { withCore } from './core-client';
import { readAgainst } from '../core/examiner/attestation';
import { describeAuditTrail } from '../core/examiner/audit-trail';
import { verifyExportCommand } from './export-commands';

// Every command calls the core through the contract (core-client.ts): the same dispatcher, validation and rules
// as the desktop app and `cairn serve`.

export async function libraryCommand(args: ParsedArgs, io: Out): Promise<number> {
  const library = await withCore({}, (core) => core.call('library.list', {}));
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
  const resume = resumeRun(args);
  if (resume === null && args.positional.length === 0) throw new CairnError('BAD_REQUEST', 'give at least one file or folder to import');
  if (resume !== null && args.positional.length > 0) throw new CairnError('BAD_REQUEST', '--resume takes up the stopped run\'s own paths; give no paths with it');
  const batchMb = flag(args, 'batch-mb');
  return withCore({ importBatchBytes: batchMb ? Number(batchMb) * 1024 * 1024 : undefined }, async (core) => {
    if (existsSync(join(resolve(dir), 'case.sqlite'))) await core.call('case.open', { dir });
    else if (resume !== null) throw new CairnError('NOT_FOUND', `no case in ${dir}: nothing to resume`);
    else await core.call('case.create', { dir, name: flag(args, 'name') ?? dir, examiner: flag(args, 'examiner') ?? process.env.USER ?? 'unknown' });
    const offs: Array<() => void> = [];
    // Subscribed before the start: a small import can finish before import.start's reply arrives.
    const finished = new Promise<ImportSummary>((resolveRun, rejectRun) => {
      offs.push(core.on('import.finished', resolveRun), core.on('import.failed', (f) => rejectRun(new RpcError(f.error))));
    });
    let last = '';
    offs.push(core.on('import.progress', (p) => {
      if (flag(args, 'quiet') || !process.stderr.isTTY) return;
      const mib = (n: number): string => (n / 1048576).toFixed(1);
      const line = `[${p.phase}] files ${p.filesDone}/${p.filesTotal}  read ${mib(p.bytesDone)}/${mib(p.bytesTotal)} MiB  done ${mib(p.bytesFinished)} MiB  records ${p.records}`;
      if (line !== last) { io.err(`\r${line}`); last = line; }
    }));
    let runId: number | null = null;
    let cancelled = false;
    const cancel = (): void => { if (runId !== null) void core.call('import.cancel', { runId }).catch(() => undefined); };
    const onSigint = (): void => { io.err('\ncancelling import...\n'); cancelled = true; cancel(); };
    process.once('SIGINT', onSigint);
    try {
      if (resume !== null) {
        const r = await core.call('import.resume', resume === 'latest' ? {} : { runId: resume });
        runId = r.runId;
        if (!flag(args, 'quiet')) io.err(`resuming import #${r.resumeOf} as import #${r.runId}\n`);
      } else {
        const fieldList = flag(args, 'fields');
        const fields = fieldList === undefined ? undefined : parseFieldList(fieldList);
        runId = (await core.call('import.start', { paths: args.positional, as: flag(args, 'as'), ...(fields ? { fields } : {}) })).runId;
      }
      if (cancelled) cancel();
      const summary = await finished;
      if (!flag(args, 'quiet') && process.stderr.isTTY) io.err('\n');
      if (flag(args, 'json')) io.out(JSON.stringify(summary, jsonReplacer, 2) + '\n');
      else io.out(describeSummary(summary));
      if (summary.totals.notImported > 0 && !flag(args, 'json')) io.err(`${summary.totals.notImported} file(s) not imported; resume with: cairn import --case ${dir} --resume\n`);
      if (summary.state === 'cancelled') return EXIT.error;
      return importExitCode(summary);
    } finally {
      process.removeListener('SIGINT', onSigint);
      for (const off of offs) off();
    }
  });
}

/** --resume: the newest run ('latest'); --resume=RUN: that run; null without the flag. */
function resumeRun(args: ParsedArgs): 'latest' | number | null {
  const v = flag(args, 'resume');
  if (v === undefined) return null;
  if (v === 'true') return 'latest';
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new CairnError('BAD_REQUEST', `--resume=RUN expects an import run number, got ${JSON.stringify(v)}`);
  return n;
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
    `${t.failed} failed, ${t.needsDecision} need a decision (--as FORMAT), ${t.unsupported} unsupported, ${t.duplicate} duplicate, ${t.notImported} not imported, in ${(s.elapsedMs / 1000).toFixed(1)} s\n` +
    Object.entries(s.unknownKeys ?? {}).map(([format, keys]) => `schema drift: ${format} records hold ${keys.length} key(s) the table has no column for (kept in _raw): ${keys.join(', ')}\n`).join('');
}

export async function queryCommand(args: ParsedArgs, io: Out): Promise<number> {
  const dir = requireFlag(args, 'case');
  const libraryId = flag(args, 'library');
  let sql = args.positional.join(' ');
  let bound = params(args);
  if (libraryId) {
    if (sql.trim()) throw new CairnError('BAD_REQUEST', 'give either --library ID or SQL, not both');
    const q = (await withCore({}, (core) => core.call('library.list', {}))).find((x) => x.id === libraryId);
    if (!q) throw new CairnError('BAD_REQUEST', `no library query ${JSON.stringify(libraryId)}; see cairn library`);
    sql = q.sql;
    bound = { ...libraryDefaults(q), ...bound };
  }
  if (!sql.trim()) throw new CairnError('BAD_REQUEST', 'give the SQL to run');
  const format = flag(args, 'format') ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) throw new CairnError('BAD_REQUEST', `--format must be table, csv or json (got ${format})`);
  const timeout = flag(args, 'timeout');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    const first = await core.call('query.run', { sql, params: bound, pageSize: 5000, timeoutMs: timeout ? Number(timeout) * 1000 : undefined });
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
      page = await core.call('query.page', { queryId: first.queryId, offset, limit: 5000 });
      if (page.rows.length === 0) break;
    }
    if (format === 'json') io.out('\n]\n');
    if (format === 'table') io.out(formatTable(names, all) + `\n(${all.length} row${all.length === 1 ? '' : 's'})\n`);
    await core.call('query.close', { queryId: first.queryId });
    return EXIT.ok;
  });
}

export async function infoCommand(args: ParsedArgs, io: Out): Promise<number> {
  const dir = requireFlag(args, 'case');
  return withCore({}, async (core) => {
    const info = await core.call('case.open', { dir });
    const evidence = await core.call('evidence.list', {});
    const tables = await core.call('case.tables', {});
    const integrity = await core.call('case.integrity', {});
    const audit = chainOf(integrity.audit);
    const seals = integrity.seals;
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
    if (!audit.ok) io.err(`cairn: the audit log does not verify (${audit.brokenAt ? `entry ${audit.brokenAt}: ` : ''}${audit.reason})\n`);
    return verdict;
  });
}

/**
 * `cairn verify`: recomputes the evidence tables' seals and the audit chain and, where the case holds CloudTrail
 * digest files, validates them offline; exit 4 when any fails (a digest check fails on a modified log or a broken chain).
 */
export async function verifyCommand(args: ParsedArgs, io: Out): Promise<number> {
  if (flag(args, 'export') !== undefined && flag(args, 'case') === undefined) return verifyExportCommand(args, io);
  const dir = requireFlag(args, 'case');
  const againstPath = flag(args, 'against');
  const against = againstPath ? readAgainst(againstPath) : null; // the report is read here: the core gets its recorded heads
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    const r = await core.call('case.verify', against ? { against: against.anchors } : {});
    const { audit, auditTrail: trail, signedHead, seals, cloudtrailDigests: digests } = r;
    trail.problems.push(...(against?.problems ?? []));
    trail.ok &&= trail.problems.length === 0;
    const ok = r.ok && trail.ok;
    if (flag(args, 'json')) io.out(JSON.stringify({ ok, audit, auditTrail: trail, signedHead, reportSignature: against?.signature ?? null, seals, cloudtrailDigests: digests }, jsonReplacer, 2) + '\n');
    else {
      io.out(`audit log: ${describeAuditTrail(trail)}\n`);
      if (against?.signature) io.out(`report signature: ${against.signature.ok ? 'verified' : 'DOES NOT VERIFY'} (key ${against.signature.fingerprint})\n`);
      io.out(signedHead ? `signed head: ${signedHead.entries} entries, ${signedHead.head} (key ${signedHead.fingerprint})\n` : 'signed head: none (no examiner key, or the trail does not hold)\n');
      io.out(`${describeSealCheck(seals)}\n${digests ? `\n${renderIntegrityText(digests)}` : 'CloudTrail digests: none in this case\n'}`);
    }
    return ok ? EXIT.ok : EXIT.integrity;
  });
}

type AuditCheck = AuditChain;

/** The contract's flat audit fields back into the check `cairn info --json` has always printed. */
function chainOf(a: CaseIntegrity['audit']): AuditChain {
  return a.ok ? { ok: true, head: a.head ?? '', entries: a.entries } : { ok: false, brokenAt: a.brokenAt ?? 0, reason: a.reason ?? '' };
}

function describeAudit(a: AuditCheck, headChars = 64): string {
  // brokenAt 0: the chain links up, but the trail does not hold (a recorded head cut or rewritten, a bad signature).
  return a.ok ? `${a.entries} entries, chain verified, head ${a.head.slice(0, headChars)}${headChars < 64 ? '…' : ''}` : `BROKEN${a.brokenAt ? ` at entry ${a.brokenAt}` : ''}: ${a.reason}`;
}

function integrityExit(audit: AuditCheck, seals: SealCheck): number {
  return audit.ok && seals.ok ? EXIT.ok : EXIT.integrity;
}

