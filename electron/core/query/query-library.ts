import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LibraryParam, LibraryQuery } from '../../../shared/api';

const PARAM_KINDS = new Set<LibraryParam['kind']>(['timestamp', 'text', 'principal', 'ip', 'cidr', 'account', 'region']);

/**
 * Reads the hunting queries shipped in resources/queries. Each file starts with a header of `-- key: value`
 * lines (title, description, tables, tags, and one `param:` line per parameter), then the SQL:
 *   -- param: start timestamp "Window start (UTC)" default=2020-01-01T00:00:00Z
 *   -- param: principal principal "Principal ARN contains" optional
 * Parameters are bound as $name, never spliced into the text. A query shipped exactly as published even
 * though it cannot run says so, with the error code it fails with first:
 *   -- fails: SQL_SYNTAX at the "(" after COUNT: the comma after eventSource is missing
 */
export function loadQueryLibrary(dir: string): LibraryQuery[] {
  let files: string[];
  try { files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort(); } catch { return []; }
  return files.map((f) => parseLibraryQuery(basename(f, '.sql'), readFileSync(join(dir, f), 'utf8')));
}

export function parseLibraryQuery(id: string, text: string): LibraryQuery {
  const q: LibraryQuery = { id, title: id, description: '', tables: [], tags: [], params: [], sql: '' };
  const lines = text.split(/\r?\n/);
  let k = 0;
  for (; k < lines.length; k++) {
    const m = /^--\s*([a-z]+):\s*(.*)$/.exec(lines[k]!);
    if (!m) { if (/^--/.test(lines[k]!) || lines[k]!.trim() === '') continue; break; }
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'title') q.title = value.trim();
    else if (key === 'description') q.description = (q.description ? q.description + ' ' : '') + value.trim();
    else if (key === 'tables') q.tables = list(value);
    else if (key === 'tags') q.tags = list(value);
    else if (key === 'param') q.params.push(parseParam(value, id));
    else if (key === 'fails') q.fails = value.trim();
  }
  q.sql = lines.slice(k).join('\n').trim();
  return q;
}

function parseParam(spec: string, id: string): LibraryParam {
  const m = /^(\w+)\s+(\w+)\s+"([^"]*)"(.*)$/.exec(spec.trim());
  if (!m) throw new Error(`query ${id}: cannot read param line ${JSON.stringify(spec)}`);
  const [, name, kind, label, rest] = m as unknown as [string, string, string, string, string];
  if (!PARAM_KINDS.has(kind as LibraryParam['kind'])) throw new Error(`query ${id}: unknown param kind ${kind}`);
  const def = /default=(\S+)/.exec(rest)?.[1];
  return { name, kind: kind as LibraryParam['kind'], label, required: !/\boptional\b/.test(rest), ...(def !== undefined ? { default: def } : {}) };
}

function list(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Values for every parameter a query declares: its default, or '' ("any") for an optional one without one. */
export function libraryDefaults(q: LibraryQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of q.params) if (p.default !== undefined) out[p.name] = p.default; else if (!p.required) out[p.name] = '';
  return out;
}
