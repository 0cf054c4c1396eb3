import type { DuckDBConnection } from '@duckdb/node-api';
import type { Seal } from '../duck/seals';
import type { CaseStore } from './case-store';

interface LedgerRow { evidence_id: number; source: string; tables: string[]; records_read: bigint; imported: bigint; rejected: bigint }

/**
 * The evidence db commits a file's rows together with its ledger row; case.sqlite is updated after.
 * A crash between the two leaves a file 'pending' in the manifest although its rows are in: take the
 * ledger's word for it, so a re-import neither duplicates nor loses those rows.
 */
export async function reconcileWithLedger(store: CaseStore, conn: DuckDBConnection): Promise<number> {
  const pending = store.evidence().filter((e) => e.status === 'pending');
  if (pending.length === 0) return 0;
  const r = await conn.runAndReadAll('SELECT evidence_id, source, tables, records_read, imported, rejected FROM cairn_ledger');
  const ledger = new Map<number, LedgerRow>();
  for (const row of r.getRowObjectsJS() as unknown as LedgerRow[]) ledger.set(Number(row.evidence_id), row);
  const sealRows = await conn.runAndReadAll('SELECT evidence_id, tbl, rows, hash_sum, hash_xor FROM cairn_seals');
  const seals = new Map<number, Seal[]>();
  for (const [id, table, rows, hashSum, hashXor] of sealRows.getRows() as Array<[number, string, bigint, string, string]>) {
    const list = seals.get(Number(id)) ?? [];
    list.push({ evidenceId: Number(id), table, rows: Number(rows), hashSum, hashXor });
    seals.set(Number(id), list);
  }
  let fixed = 0;
  for (const e of pending) {
    const l = ledger.get(e.id);
    if (!l) continue;
    const rejected = Number(l.rejected);
    store.setEvidenceOutcome(e.id, {
      status: rejected > 0 ? 'imported_with_rejects' : 'imported', format: l.source,
      reason: rejected > 0 ? `${rejected} record(s) rejected; see cairn_rejects` : null,
      recordsRead: Number(l.records_read), imported: Number(l.imported), rejected, tables: [...l.tables],
    });
    store.setSeals(seals.get(e.id) ?? []);
    store.audit('evidence.reconciled', { evidenceId: e.id, from: 'ledger' });
    fixed++;
  }
  return fixed;
}
