// A line format as a list of fields: one regular expression (the same text for JS detection and DuckDB's
// RE2 import, so the two cannot disagree), its capture groups, and the table columns made from them.

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'FLOAT' | 'DATE';

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
  return {
    token: TOKEN.hostPort, groups: [`${ip}_${port}`],
    columns: [
      { name: ip, type: 'VARCHAR', sql: `CASE WHEN g.${ip}_${port} = '-' THEN '-' ELSE trim(regexp_extract(g.${ip}_${port}, '^(.*):[0-9]*$', 1), '[]') END` },
      { name: port, type: 'INTEGER', sql: `regexp_extract(g.${ip}_${port}, ':([0-9]*)$', 1)` },
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
}

const EXTRA_GROUP = '_extra_text';

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
  format.optional.forEach((f, i) => { groups.push(`_has_${i}`); add(f, `_has_${i}`); });
  groups.push('_has_extra', EXTRA_GROUP);
  columns.push({ name: format.extraColumn, type: 'VARCHAR', sql: `CASE WHEN g._has_extra = ${present} THEN g.${EXTRA_GROUP} END` });
  const pattern = format.required.map((f) => f.token).join(sep) + tail;
  return { pattern, groups, columns };
}
