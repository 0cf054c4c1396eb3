// A line format as a list of fields: one regular expression (the same text for JS detection and DuckDB's
// RE2 import, so the two cannot disagree), its capture groups, and the table columns made from them.

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'FLOAT' | 'DATE' | 'TIMESTAMP';

/** How a field is written on the line. */
export const TOKEN = {
  /** Anything up to the next space ('-' stays as written). */
  plain: '([^ ]*)',
  /** A double-quoted field, backslash escapes kept; the column holds what is between the quotes. */
  quoted: '"((?:[^"\\\\]|\\\\.)*)"',
  /** `addr:port`, `[ipv6]:port` or '-'. */
  hostPort: '(-|[^ ]*:[0-9]*)',
} as const;

export interface Column { name: string; type: ColumnType; sql?: string }

export interface Field {
  /** Regular expression for the field, with exactly `groups.length` capture groups. */
  token: string;
  /** Names for its capture groups (unique within the format). */
  groups: string[];
  /** Columns made from it; `sql` is an expression over `g.<group>` (VARCHAR), default the first group. */
  columns: Column[];
  /** How DuckDB's CSV reader sees it, when csv-layout.ts cannot tell from the token (decision 0018). */
  csv?: CsvField;
}

/** How a CSV column is written: unquoted (no '"' in it), always in quotes, or '-' / in quotes. */
export type CsvKind = 'plain' | 'quoted' | 'dash-or-quoted';

/** A field read from CSV columns: `$1`, `$2`… in `groups` and `check` stand for its columns' values. */
export interface CsvField {
  kinds: CsvKind[];
  /** Each capture group's value, exactly as the field's token would have captured it. */
  groups: string[];
  /** True when the field matches its token (omitted: every value of these kinds does). */
  check?: string;
}

export interface LineFormat {
  /** Source id and reject label. */
  id: string;
  label: string;
  table: string;
  /** The fields every line has, then the ones later versions of the format added (absent -> NULL). */
  required: Field[];
  optional: Field[];
  /** Fields written by a newer version than Cairn knows are kept whole in this column. */
  extraColumn: string;
  /** The character between fields; a space unless said (CloudFront's TAB). */
  separator?: string;
}

export function field(token: string, name: string, type: ColumnType = 'VARCHAR'): Field {
  return { token, groups: [name], columns: [{ name, type }] };
}

/** `addr:port` split into two columns; IPv6 brackets are dropped so CIDR checks work on the address. */
export function hostPortField(ip: string, port: string): Field {
  // The token puts only digits after the last ':', so that colon splits address and port: string functions
  // instead of two more regular expressions per field (decision 0017).
  const g = `g.${ip}_${port}`;
  const portText = `CASE WHEN ${g} = '-' THEN '' ELSE split_part(${g}, ':', -1) END`;
  const addr = `left(${g}, length(${g}) - length(split_part(${g}, ':', -1)) - 1)`;
  return {
    token: TOKEN.hostPort, groups: [`${ip}_${port}`],
    columns: [
      // trim() only where a bracket is: it costs as much as the split (decision 0025).
      { name: ip, type: 'VARCHAR', sql: `CASE WHEN ${g} = '-' THEN '-' WHEN contains(${g}, '[') OR contains(${g}, ']') THEN trim(${addr}, '[]') ELSE ${addr} END` },
      { name: port, type: 'INTEGER', sql: portText },
    ],
  };
}

export interface CompiledFormat {
  /** The whole-line pattern (anchored by full-match in both engines). */
  pattern: string;
  /** Every capture group's name, in order. */
  groups: string[];
  /** Column name -> type and its expression over `g`. */
  columns: { name: string; type: ColumnType; sql: string }[];
  /** Set when no field can hold the separator: a matching line's groups are then its separator-split parts. */
  split?: { separator: string; fields: number };
}

/**
 * Whether a token can never match text holding `sep`, judged from its text alone (conservatively: one
 * capture group around literals, classes without `sep`, `[^sep]`, `|`, quantifiers and `\.`/`\-`).
 */
export function separatorFree(token: string, sep: string): boolean {
  if (!token.startsWith('(') || !token.endsWith(')') || token.slice(1).includes('(')) return false;
  const admitsSep = (cls: string): boolean => cls.includes(sep) || cls.includes('\\') || cls.startsWith('[^')
    || [...cls.matchAll(/(.)-(.)/g)].some((m) => m[1]!.charCodeAt(0) <= sep.charCodeAt(0));
  const rest = token
    .replace(/\[[^\]]*\]/g, (cls) => cls === `[^${sep}]` ? '' : admitsSep(cls) ? '\0' : '')
    .replace(/\\[.-]/g, '');
  return !/[\0\\.]/.test(rest) && !rest.includes(sep);
}

const EXTRA_GROUP = '_extra_text';
/** The group that holds the separator when optional field i is present. */
export const presenceGroup = (i: number): string => `_has_${i}`;
/** The groups of the text after the last known field: the separator before it, and the text. */
export const EXTRA_GROUPS = ['_has_extra', EXTRA_GROUP] as const;

/** Optional fields nest, each with a presence marker group (`_has_<i>`): a later field needs every earlier one. */
export function compile(format: LineFormat): CompiledFormat {
  const groups: string[] = [];
  const columns: CompiledFormat['columns'] = [];
  const sep = format.separator ?? ' ';
  // The presence marker captures the separator itself; compared as a SQL literal (a TAB is a TAB there too).
  const present = sep === "'" ? "''''" : `'${sep}'`;
  const add = (f: Field, presence: string | null): void => {
    groups.push(...f.groups);
    for (const c of f.columns) {
      const value = c.sql ?? `g.${f.groups[0]}`;
      columns.push({ name: c.name, type: c.type, sql: presence ? `CASE WHEN g.${presence} = ${present} THEN ${value} END` : value });
    }
  };
  format.required.forEach((f) => add(f, null));
  let tail = `(?:(${sep})(.*))?`;
  for (let i = format.optional.length - 1; i >= 0; i--) {
    const f = format.optional[i]!;
    tail = `(?:(${sep})${f.token}${tail})?`;
  }
  format.optional.forEach((f, i) => { groups.push(presenceGroup(i)); add(f, presenceGroup(i)); });
  groups.push(...EXTRA_GROUPS);
  columns.push({ name: format.extraColumn, type: 'VARCHAR', sql: `CASE WHEN g._has_extra = ${present} THEN g.${EXTRA_GROUP} END` });
  const pattern = format.required.map((f) => f.token).join(sep) + tail;
  const splits = format.optional.length === 0 && format.required.every((f) => f.groups.length === 1 && separatorFree(f.token, sep));
  return { pattern, groups, columns, ...(splits ? { split: { separator: sep, fields: format.required.length } } : {}) };
}
