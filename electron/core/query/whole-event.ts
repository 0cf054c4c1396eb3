import type { DuckDBConnection } from '@duckdb/node-api';
import type { EventSpine, WholeEvent } from '../../../shared/types';
import type { ManifestReader } from '../case/store/manifest';
import { quoteIdent } from '../duck/evidence-db';
import { CairnError } from '../errors';
import { EVIDENCE_CATALOG } from './analyst-instance';
import type { QueryEngine } from './query-engine';

/** Longest record text handed to the UI (a CloudTrail record is at most a few hundred KiB). */
export const MAX_RAW_CHARS = 1_000_000;

const EV = `${EVIDENCE_CATALOG}.main`;
/** The tables a file's rows went to, as its import committed them. */
const TABLES_SQL = `SELECT unnest(tables) AS t FROM ${EV}.cairn_ledger WHERE evidence_id = $e`;
const RECORD_SQL = (table: string) => `SELECT * FROM ${EV}.${quoteIdent(table)} WHERE _evidence_id = $e AND _ordinal = $o LIMIT 1`;
const BY_EVENT_ID_SQL = `SELECT _evidence_id, _ordinal FROM ${EV}.cloudtrail WHERE eventid = $id LIMIT 2`;
const SPINE_SQL = `SELECT strftime(event_time, '%Y-%m-%d %H:%M:%S.%f') AS event_time, source, principal, source_ip, action, target
  FROM ${EV}.events WHERE _evidence_id = $e AND _ordinal = $o LIMIT 1`;

export interface RecordKey { evidenceId?: number; ordinal?: number; eventId?: string }

/**
 * The whole record behind a result row, from its evidence table, on the analyst instance: by provenance, or by a
 * CloudTrail event id when the query selected that and not the provenance. null when no record matches.
 */
export async function wholeEvent(engine: QueryEngine, manifest: ManifestReader, key: RecordKey): Promise<WholeEvent | null> {
  return engine.bounded(async (conn) => {
    const at = await locate(conn, key);
    if (!at) return null;
    const { evidenceId: e, ordinal: o } = at;
    for (const [t] of (await conn.runAndReadAll(TABLES_SQL, { e })).getRows() as Array<[string]>) {
      const r = await conn.runAndReadAll(RECORD_SQL(t), { e, o });
      const values = r.getRowsJson()[0] as unknown[] | undefined;
      if (!values) continue;
      const types = r.columnTypes().map((x) => x.toString());
      const columns = r.columnNames().map((name, k) => ({ name, type: types[k]! }));
      const rawAt = columns.findIndex((c) => c.name === '_raw');
      const raw = rawAt >= 0 && values[rawAt] !== null ? rawText(values[rawAt]) : null;
      const f = manifest.evidenceById(e);
      return {
        evidenceId: e, ordinal: o, table: t, columns, values,
        file: f ? { relPath: f.relPath, sha256: f.sha256, format: f.format } : null,
        raw: raw === null ? null : raw.slice(0, MAX_RAW_CHARS), rawTruncated: raw !== null && raw.length > MAX_RAW_CHARS,
        spine: await spine(conn, e, o),
      };
    }
    return null;
  });
}

async function locate(conn: DuckDBConnection, key: RecordKey): Promise<{ evidenceId: number; ordinal: number } | null> {
  if (key.evidenceId !== undefined && key.ordinal !== undefined) {
    if (!Number.isSafeInteger(key.evidenceId) || !Number.isSafeInteger(key.ordinal)) throw new CairnError('BAD_REQUEST', 'evidenceId and ordinal are whole numbers');
    return { evidenceId: key.evidenceId, ordinal: key.ordinal };
  }
  if (key.eventId === undefined) throw new CairnError('BAD_REQUEST', 'give evidenceId and ordinal, or a CloudTrail eventId');
  const rows = (await conn.runAndReadAll(BY_EVENT_ID_SQL, { id: key.eventId })).getRows();
  // An event id seen twice (the same record in two files) names no single record: never guess.
  if (rows.length !== 1) return null;
  return { evidenceId: Number(rows[0]![0]), ordinal: Number(rows[0]![1]) };
}

/** The record's row in the cross-source events view; null for tables the view does not cover. */
async function spine(conn: DuckDBConnection, e: number, o: number): Promise<EventSpine | null> {
  let rows: Record<string, unknown>[];
  try { rows = (await conn.runAndReadAll(SPINE_SQL, { e, o })).getRowObjectsJson() as Record<string, unknown>[]; } catch { return null; }
  const r = rows[0];
  if (!r) return null;
  const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return { eventTime: s(r.event_time), source: String(r.source), principal: s(r.principal), sourceIp: s(r.source_ip), action: s(r.action), target: s(r.target) };
}

function rawText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
