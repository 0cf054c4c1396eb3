// Turns a staged file of security findings into the numbered copy json-records reads, one finding per line.
// A file is one JSON document (an API/CLI response such as {"Findings":[...]}, a bare array, one finding or
// one EventBridge event) or JSON lines (findings, or events, one per line). Accounting: a file holding N
// findings is N records, however they are wrapped; an event with several findings is several records,
// numbered in the order they appear; a line that is not JSON is one rejected record. Plain JSON lines of
// findings as they are keep their line numbers and byte offsets (json-records' lines layout); they are
// numbered as they stream and checked by DuckDB as it inserts them, with no size limit (decision 0024).
import { quoteLiteral } from '../../duck/evidence-db';
import { EMPTY_LINE, MAX_LINE_BYTES, writeNumberedText } from '../line-format/numbered-text';
import { DocumentError, MAX_DOCUMENT_BYTES, readFirstLine, type RecordsLayout } from '../json-records/records';
import { LENIENT_JSON_SQL } from '../json-records/json-sql';
import { readWholeText, writeWhole } from '../whole-file';

export type JsonObject = Record<string, unknown>;

/** What one top-level JSON value holds. */
export type Unwrapped =
  | { finding: JsonObject } // the value is a finding itself
  | { findings: unknown[] } // a wrapper or event holding a list (or one) of findings
  | { reject: string };     // a value that is not this format's (e.g. another service's event)

export interface FindingLayout {
  unwrap(value: JsonObject): Unwrapped;
  /** The finding as the columns read it (e.g. PascalCase API keys in camelCase); null when it is read as written. */
  normalise?(finding: JsonObject): JsonObject | null;
  /**
   * SQL over an object's top-level `keys` (DuckDB's json_keys): true only for an object unwrap() takes as a
   * finding that normalise() leaves alone. It may say false of such an object (the file is then read the
   * document way), never true of another (tested against unwrap and normalise, decision 0024).
   */
  asWrittenSql: string;
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Parsed { values: { value: unknown; line?: number; text?: string }[]; lines: boolean }

function parse(text: string): Parsed {
  try { return { values: [{ value: JSON.parse(text) }], lines: false }; } catch (whole) {
    const lines = text.split('\n');
    const firstAt = lines.findIndex((l) => l.trim().length > 0);
    try { JSON.parse(lines[firstAt] ?? ''); } catch {
      throw new DocumentError(`not one JSON document nor JSON lines: ${(whole as Error).message}`);
    }
    const values: Parsed['values'] = [];
    lines.forEach((raw, i) => {
      const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (l.trim().length === 0) return; // a blank line holds no finding
      try { values.push({ value: JSON.parse(l), line: i + 1, text: l }); } catch { values.push({ value: undefined, line: i + 1, text: l }); }
    });
    return { values, lines: true };
  }
}

/** The `records` function of a JsonImport for a findings format. */
export function findingRecords(layout: FindingLayout) {
  const document = findingDocumentRecords(layout);
  const sql = asWrittenSql(layout);
  return async (stagedPath: string, copyPath: string, size: number): Promise<RecordsLayout> => {
    const first = firstLine(stagedPath);
    if (!takenAsWritten(layout, first)) return document(stagedPath, copyPath, size);
    const text = await writeNumberedText(stagedPath, copyPath);
    // Two records or more cannot be one JSON document, so the document way would read the file as lines too;
    // a line the copy leaves out for a reason other than being empty is the document way's to judge.
    const onlyBlank = [...text.rejects.values()].every((why) => why === EMPTY_LINE);
    if (text.numbered < 2 || !onlyBlank) return document(stagedPath, copyPath, size);
    return { kind: 'lines', text, asWritten: { sql, otherwise: () => document(stagedPath, copyPath, size) } };
  };
}

/**
 * The document way rejects a finding longer than MAX_LINE_BYTES as JSON.stringify writes it, which only
 * numbers in exponent form lengthen, at most 5.25 times ("1e20"): a longer record holding one is left to it.
 */
const GROWS_PAST = Math.floor(MAX_LINE_BYTES / 6);

/** `j` is the record's text as written (json-sql.ts). */
function asWrittenSql(layout: FindingLayout): string {
  return `(${layout.asWrittenSql}) AND NOT ${LENIENT_JSON_SQL}
    AND CASE WHEN strlen(j) > ${GROWS_PAST} THEN NOT regexp_matches(j, '[0-9][eE]') ELSE true END`;
}

/** Whether the document way reads this value as a finding as it is written (what asWrittenSql approximates from below). */
export function takenAsWritten(layout: FindingLayout, value: unknown): boolean {
  if (!isObject(value)) return false;
  const u = layout.unwrap(value);
  return 'finding' in u && u.finding === value && (layout.normalise?.(value) ?? null) === null;
}

/** The file's first line parsed, when a newline ends it and it is JSON on its own; undefined otherwise. */
function firstLine(stagedPath: string): unknown {
  const { line, ended } = readFirstLine(stagedPath);
  if (!ended) return undefined;
  try { return JSON.parse(line) as unknown; } catch { return undefined; }
}

/** Today's way for any findings file: read whole (at most MAX_DOCUMENT_BYTES), unwrapped and normalised in Node. */
export function findingDocumentRecords(layout: FindingLayout) {
  return async (stagedPath: string, copyPath: string, size: number): Promise<RecordsLayout> => {
    if (size > MAX_DOCUMENT_BYTES) throw new DocumentError(`a findings file of ${size} bytes, over the ${MAX_DOCUMENT_BYTES >> 20} MiB read whole; split it`);
    let text = await readWholeText(stagedPath, size);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const { values, lines } = parse(text);
    const rejects = new Map<number, string>();
    const raw = new Map<number, string>();
    const out: string[] = [];
    let n = 0;
    let asWritten = lines;
    const reject = (why: string, rawText: string): void => { n++; rejects.set(n, why); raw.set(n, rawText); };
    const keep = (rec: unknown, where: string): void => {
      if (!isObject(rec)) { reject(`${where}not a JSON object`, JSON.stringify(rec) ?? 'null'); return; }
      const normal = layout.normalise?.(rec) ?? null;
      if (normal) asWritten = false;
      const line = JSON.stringify(normal ?? rec);
      n++;
      raw.set(n, line);
      if (Buffer.byteLength(line) > MAX_LINE_BYTES) { rejects.set(n, `${where}longer than ${MAX_LINE_BYTES} bytes`); return; }
      out.push(`${n} ${line}`);
    };
    for (const { value, line, text: lineText } of values) {
      const where = line ? `line ${line}: ` : '';
      if (value === undefined) { asWritten = false; reject(`${where}not valid JSON`, lineText ?? ''); continue; }
      if (Array.isArray(value)) { asWritten = false; value.forEach((v) => keep(v, where)); continue; }
      if (!isObject(value)) { reject(`${where}not a JSON object`, lineText ?? JSON.stringify(value)); continue; }
      const u = layout.unwrap(value);
      if ('reject' in u) { reject(`${where}${u.reject}`, lineText ?? JSON.stringify(value)); continue; }
      if ('findings' in u) { asWritten = false; u.findings.forEach((f) => keep(f, where)); continue; }
      keep(u.finding, where);
    }
    // JSON lines of findings as they are: read as lines, for line numbers and byte offsets in rejects.
    if (asWritten && rejects.size === 0) return { kind: 'lines', text: await writeNumberedText(stagedPath, copyPath) };
    await writeWhole(copyPath, out.length ? out.join('\n') + '\n' : '');
    return { kind: 'document', records: n, rejects, raw };
  };
}

/** SQL true when an object's top-level `keys` hold none of `keys`. */
export const hasNoneOf = (keys: string[]): string => keys.map((k) => `NOT list_contains(keys, ${quoteLiteral(k)})`).join(' AND ');

/** An EventBridge event's detail-type and source, when the value is one (it has `detail`). */
export function eventBridge(value: JsonObject): { detailType: unknown; source: unknown; detail: unknown } | null {
  return 'detail' in value && ('detail-type' in value || 'source' in value) ? { detailType: value['detail-type'], source: value.source, detail: value.detail } : null;
}
