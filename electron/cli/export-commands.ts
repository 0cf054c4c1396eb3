import { jsonReplacer } from '../../shared/csv';
import { RpcError } from '../../shared/api';
import type { ParquetExportFinished } from '../../shared/types';
import { CairnError } from '../core/errors';
import { verifyExport } from '../core/export/verify-export';
import { flag, requireFlag, type ParsedArgs } from './args';
import { withCore } from './core-client';
import { EXIT } from './commands';
import { formatTable } from './format-table';

type Out = { out: (s: string) => void; err: (s: string) => void };

/** `cairn export parquet --case DIR --out DIR [--location URI]`: Ctrl-C cancels and leaves nothing behind. */
export async function exportCommand(args: ParsedArgs, io: Out): Promise<number> {
  const what = args.positional[0];
  if (what !== 'parquet') throw new CairnError('BAD_REQUEST', 'usage: cairn export parquet --case DIR --out DIR [--location URI]');
  const dir = requireFlag(args, 'case');
  const out = requireFlag(args, 'out');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    const offs: Array<() => void> = [];
    let exportId: number | null = null;
    // Subscribed before the start (a small export may end before its reply); this process runs no other export.
    const done = new Promise<ParquetExportFinished>((resolveRun, rejectRun) => {
      offs.push(core.on('export.finished', (f) => { if (exportId === null || f.exportId === exportId) resolveRun(f); }),
        core.on('export.failed', (f) => { if (exportId === null || f.exportId === exportId) rejectRun(new RpcError(f.error)); }));
    });
    let last = '';
    offs.push(core.on('export.progress', (p) => {
      if (flag(args, 'quiet') || !process.stderr.isTTY) return;
      const line = `[${p.phase}] ${p.table}  tables ${p.tablesDone}/${p.tablesTotal}  rows ${p.rowsDone}/${p.rowsTotal}`;
      if (line !== last) { io.err(`\r${line.padEnd(last.length)}`); last = line; }
    }));
    const onSigint = (): void => { io.err('\ncancelling export...\n'); if (exportId !== null) void core.call('export.cancel', { exportId }).catch(() => undefined); };
    process.once('SIGINT', onSigint);
    try {
      const location = flag(args, 'location');
      exportId = (await core.call('export.parquet', { name: out, ...(location ? { location } : {}) })).exportId;
      const { summary } = await done;
      if (!flag(args, 'quiet') && process.stderr.isTTY) io.err('\n');
      if (flag(args, 'json')) { io.out(JSON.stringify(summary, jsonReplacer, 2) + '\n'); return EXIT.ok; }
      io.out(formatTable(['table', 'kind', 'rows', 'files', 'partitioned by'], summary.tables.map((t) => [t.name, t.kind, t.rows, t.files, t.partitions.join(', ')])) +
        `\n${summary.files} Parquet file(s), ${summary.rows} evidence-database row(s), ${(summary.bytes / 1048576).toFixed(1)} MiB in ${(summary.elapsedMs / 1000).toFixed(1)} s\n` +
        `${summary.outDir}/manifest.json  sha256 ${summary.manifestSha256}\nDDL: ${summary.outDir}/ddl/{athena,trino,spark,duckdb}.sql\n` +
        summary.untranslatedViews.map((v) => `view left out of the DDL: ${v}\n`).join(''));
      return EXIT.ok;
    } finally {
      process.removeListener('SIGINT', onSigint);
      for (const off of offs) off();
    }
  });
}

/** `cairn verify --export DIR`: exit 4 when any file or the manifest does not match. */
export async function verifyExportCommand(args: ParsedArgs, io: Out): Promise<number> {
  const check = await verifyExport(requireFlag(args, 'export'));
  if (flag(args, 'json')) io.out(JSON.stringify(check, null, 2) + '\n');
  else io.out(check.ok ? `export verified: ${check.files} file(s), ${check.rows} row(s) match the manifest\n`
    : `export does NOT verify (${check.problems.length} problem(s)):\n${check.problems.map((p) => `  ${p}\n`).join('')}`);
  return check.ok ? EXIT.ok : EXIT.integrity;
}
