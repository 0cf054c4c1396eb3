import type { DuckDBConnection } from '@duckdb/node-api';
import type { SealCheck, SealFileProblem } from '../../../shared/types';
import type { CaseStore } from '../case/case-store';
import { computeSeals, REJECTS_TABLE, SEAL_ALGORITHM, sealableTables, type Seal } from '../duck/seals';

const IMPORTED = new Set(['imported', 'imported_with_rejects']);

/**
 * Recomputes every evidence table's seals from the rows as they are now and names each file whose rows
 * changed, vanished or grew since they were committed (decision 0003). Reads only.
 */
export async function verifySeals(conn: DuckDBConnection, store: CaseStore, evidence = store.evidence()): Promise<SealCheck> {
  const started = Date.now();
  const expected = new Map<string, Seal>(store.seals().map((s) => [`${s.evidenceId}\u0000${s.table}`, s]));
  const files = new Map(evidence.map((e) => [e.id, e]));
  const sealedIds = new Set([...expected.values()].map((s) => s.evidenceId));
  // A sealed table that no longer exists is scanned as empty: its seals then show as vanished.
  const existing = new Set([REJECTS_TABLE, ...await sealableTables(conn)]);
  const tables = new Set([...existing, ...[...expected.values()].map((s) => s.table)]);
  const byFile = new Map<number, SealFileProblem['tables']>();
  const note = (id: number, table: string, state: SealFileProblem['state'], detail: string): void => {
    const list = byFile.get(id) ?? [];
    list.push({ table, state, detail });
    byFile.set(id, list);
  };
  let rows = 0;
  const seen = new Set<string>();
  for (const table of [...tables].sort()) {
    const actual = existing.has(table) ? await computeSeals(conn, table, null) : [];
    for (const a of actual) {
      rows += a.rows;
      const k = `${a.evidenceId}\u0000${table}`;
      seen.add(k);
      const want = expected.get(k);
      if (want) compare(want, a, note);
      else if (!files.has(a.evidenceId)) note(a.evidenceId, table, 'unknown', `${a.rows} row(s) with an evidence id that is not in the manifest`);
      else if (sealedIds.has(a.evidenceId)) note(a.evidenceId, table, 'grew', `${a.rows} row(s) where the seal recorded none`);
      else note(a.evidenceId, table, 'unsealed', 'no seal was recorded for this file');
    }
  }
  for (const [k, want] of expected) {
    if (!seen.has(k) && want.rows > 0) note(want.evidenceId, want.table, 'vanished', `all ${want.rows} row(s) are gone`);
  }
  for (const e of files.values()) {
    if (IMPORTED.has(e.status) && e.imported + e.rejected > 0 && !sealedIds.has(e.id) && !byFile.has(e.id)) note(e.id, '*', 'unsealed', 'no seal was recorded for this file');
  }
  const list = [...byFile].sort(([a], [b]) => a - b)
    .map(([id, t]): SealFileProblem => ({ evidenceId: id, relPath: files.get(id)?.relPath ?? null, state: fileState(t), tables: t }));
  const sealedFiles = sealedIds.size;
  return { ok: list.length === 0, algorithm: SEAL_ALGORITHM, sealedFiles, rowsChecked: rows, problems: list, elapsedMs: Date.now() - started };
}

/** One table's state is the file's; tables that disagree make it 'changed' ('unsealed' gives way to any other). */
function fileState(tables: SealFileProblem['tables']): SealFileProblem['state'] {
  const states = new Set(tables.map((t) => t.state));
  if (states.size > 1) states.delete('unsealed');
  return states.size === 1 ? [...states][0]! : 'changed';
}

function compare(want: Seal, got: Seal, note: (id: number, table: string, state: SealFileProblem['state'], detail: string) => void): void {
  if (got.rows < want.rows) note(want.evidenceId, want.table, 'vanished', `${want.rows - got.rows} of ${want.rows} row(s) are gone`);
  else if (got.rows > want.rows) note(want.evidenceId, want.table, 'grew', `${got.rows - want.rows} row(s) more than the ${want.rows} sealed`);
  else if (got.hashSum !== want.hashSum || got.hashXor !== want.hashXor) note(want.evidenceId, want.table, 'changed', `${want.rows} row(s), content differs from the seal`);
}

export function describeSealCheck(c: SealCheck): string {
  if (c.ok) return `evidence seals: verified (${c.sealedFiles} file(s), ${c.rowsChecked} row(s), ${c.algorithm}, ${(c.elapsedMs / 1000).toFixed(1)} s)`;
  const lines = c.problems.map((p) => `  ${p.state.toUpperCase()}  ${p.relPath ?? `evidence ${p.evidenceId}`}: ${p.tables.map((t) => `${t.table}: ${t.detail}`).join('; ')}`);
  return [`evidence seals: ${c.problems.length} file(s) FAIL verification`, ...lines].join('\n');
}
