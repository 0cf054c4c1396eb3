// The Parquet export (#29) beside DuckDB's own COPY ... (FORMAT parquet, PARTITION_BY ...) of the same evidence
// tables with the same partition keys: in-process, taking turns, median wall time. Cairn's run includes what
// the plain COPY does not do: the case's small tables, hashing every file, the per-file evidence list, DDL.
// Standalone: node dist/bench/export-bench.js --case DIR [--runs N]
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBTypeId } from '@duckdb/node-api';
import { Case } from '../electron/core/case/case';
import { createDuckInstance, quoteIdent, quoteLiteral } from '../electron/core/duck/evidence-db';
import { exportParquet } from '../electron/core/export/parquet-export';
import { partitionKeysFor } from '../electron/core/export/partition-keys';

export interface ExportTiming { cairnMs: number; nativeMs: number; rows: number; files: number; bytes: number; nativeBytes: number; speedRatio: number }

const TABLES_SQL = "SELECT table_name FROM duckdb_tables() WHERE database_name = 'evidence' AND schema_name = 'main' AND NOT starts_with(table_name, 'cairn_') ORDER BY 1";

export async function benchExport(caseDir: string, work: string, runs: number): Promise<ExportTiming> {
  const cairn: number[] = []; const native: number[] = [];
  let last = { rows: 0, files: 0, bytes: 0 }; let nativeBytes = 0;
  for (let i = 0; i < runs; i++) {
    const nOut = join(work, `export-native-${i}`);
    const t1 = performance.now();
    nativeBytes = await nativeExport(join(caseDir, 'evidence.duckdb'), nOut, join(work, 'native-spill')).catch((e: unknown) => { throw new Error(`DuckDB's own COPY, run ${i + 1}: ${String(e)}`); });
    native.push(performance.now() - t1);
    rmSync(nOut, { recursive: true, force: true });
    const c = await Case.open(caseDir);
    try {
      const out = join(work, `export-cairn-${i}`);
      const t0 = performance.now();
      const s = await exportParquet(c, out).catch((e: unknown) => { throw new Error(`Cairn's export, run ${i + 1}: ${String(e)}`); });
      cairn.push(performance.now() - t0);
      last = { rows: s.rows, files: s.files, bytes: s.bytes };
      rmSync(out, { recursive: true, force: true });
    } finally {
      await c.close();
    }
  }
  const cairnMs = median(cairn); const nativeMs = median(native);
  return { cairnMs, nativeMs, ...last, nativeBytes, speedRatio: nativeMs / cairnMs };
}

/** DuckDB alone: each evidence table COPYed with the same keys, DuckDB's default Parquet options but ZSTD. */
async function nativeExport(evidencePath: string, out: string, spill: string): Promise<number> {
  const instance = await createDuckInstance({ memory_limit: '1GB', temp_directory: spill, preserve_insertion_order: 'false' });
  const conn = await instance.connect();
  let bytes = 0;
  mkdirSync(out, { recursive: true });
  try {
    await conn.run(`ATTACH ${quoteLiteral(evidencePath)} AS evidence (READ_ONLY)`);
    await conn.run('USE evidence');
    for (const [name] of (await conn.runAndReadAll(TABLES_SQL)).getRows() as Array<[string]>) {
      const shape = await conn.runAndReadAll(`SELECT * FROM ${quoteIdent(name)} LIMIT 0`);
      const keys = partitionKeysFor(shape.columnNames().map((n, i) => ({ name: n, typeId: shape.columnTypes()[i]!.typeId })), DuckDBTypeId.DATE);
      const select = `SELECT *${keys.map((k) => `, ${k.expression} AS ${k.key}`).join('')} FROM ${quoteIdent(name)}`;
      const by = keys.length ? `, PARTITION_BY (${keys.map((k) => k.key).join(', ')})` : '';
      const target = keys.length ? join(out, name) : join(out, `${name}.parquet`);
      const r = await conn.runAndReadAll(`COPY (${select}) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd${by}, RETURN_STATS)`);
      for (const row of r.getRowObjectsJS()) bytes += Number(row.file_size_bytes);
    }
  } finally {
    conn.closeSync(); instance.closeSync();
  }
  return bytes;
}

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; }

if (require.main === module) {
  const argv = process.argv.slice(2);
  const at = (f: string): string | undefined => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : undefined; };
  const caseDir = at('--case');
  if (!caseDir) { process.stderr.write('usage: node dist/bench/export-bench.js --case DIR [--runs N]\n'); process.exit(2); }
  const work = join(require('node:os').tmpdir() as string, `cairn-export-bench-${process.pid}`);
  benchExport(caseDir, work, Number(at('--runs') ?? 3)).then((t) => {
    process.stdout.write(JSON.stringify(t, null, 2) + '\n');
    rmSync(work, { recursive: true, force: true });
  }).catch((e: unknown) => { process.stderr.write(String((e as Error).stack ?? e) + '\n'); process.exitCode = 1; });
}
