import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quoteLiteral } from '../../duck/evidence-db';
import { RECORD_LINE_MAX_LINE } from '../../intake/record-lines';
import { EVENT_STRUCT_JSON } from './event-struct';

function load(name: string): string {
  return readFileSync(join(__dirname, name), 'utf8');
}

export const SCHEMA_SQL = load('schema.sql');
export const BATCH_FILES_SQL = load('batch-files.sql');
export const REGISTER_FILES_SQL = load('register-files.sql');
const INSERT_EVENTS = load('insert-events.sql');
const FROM_TRAIL_FILES = load('records-from-trail-files.sql');
const FROM_STAGING = load('records-from-staging.sql');
const FROM_LINES = load('records-from-lines.sql');
const SWEEP_REJECTS = load('sweep-rejects.sql');
const FILE_COUNTS = load('file-counts.sql');

function fill(template: string, values: Record<string, string>): string {
  // A function replacer, so '$' sequences in values are never interpreted.
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`missing SQL placeholder ${key}`);
    return v;
  });
}

function fileList(paths: string[]): string {
  return '[' + paths.map(quoteLiteral).join(', ') + ']';
}

function idList(ids: number[]): string {
  return ids.map((id) => String(Math.trunc(id))).join(', ');
}

/** How DuckDB reads a file's records: record lines, a whole {"Records":[...]} document, or Node's JSON lines. */
export type RecordsLayout = 'record-lines' | 'trail-files' | 'staging';

const RECORDS_SQL: Record<RecordsLayout, string> = { 'record-lines': FROM_LINES, 'trail-files': FROM_TRAIL_FILES, staging: FROM_STAGING };

export function insertEventsSql(layout: RecordsLayout, paths: string[], maxObjectBytes: number): string {
  const records = fill(RECORDS_SQL[layout], {
    FILES: fileList(paths),
    MAX_OBJECT: String(Math.ceil(maxObjectBytes)),
    MAX_LINE: String(RECORD_LINE_MAX_LINE),
  });
  return fill(INSERT_EVENTS, { RECORDS: records.trim(), STRUCT: EVENT_STRUCT_JSON.replace(/'/g, "''") });
}

export function sweepRejectsSql(ids: number[]): string {
  return fill(SWEEP_REJECTS, { IDS: idList(ids) });
}

export function fileCountsSql(ids: number[]): string {
  return fill(FILE_COUNTS, { IDS: idList(ids) });
}
