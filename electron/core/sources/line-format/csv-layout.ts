// A space-separated, quote-aware line format as DuckDB's CSV reader sees it (decision 0018): the kind of each
// CSV column, the format's capture groups as SQL over those columns, and per line the check, done in Node
// while numbering, that the line is written exactly as the layout says, so that both readings agree.
import { quoteLiteral } from '../../duck/evidence-db';
import { EXTRA_GROUPS, presenceGroup, separatorFree, TOKEN, type ColumnType, type CsvField, type CsvKind, type Field, type LineFormat } from './pattern';

export interface CsvLayout {
  /** Per CSV column (after the line number and field count): 0 plain, 1 quoted, 2 dash-or-quoted. */
  kinds: Uint8Array;
  /** ends[n] is 1 when a line may have n columns (the required fields, then each optional one). */
  ends: Uint8Array;
  /** Group name -> SQL over the columns `_c1`… and `_fields`. */
  groups: { name: string; sql: string }[];
  /** SQL, true when every field present matches its token. */
  fits: string;
  /** Whether any column is quoted; if none is, the CSV reader reads '"' as any other character. */
  quotes: boolean;
  /** The character between columns: a space, or the format's own (CloudFront's TAB) when no column is quoted. */
  separator: string;
  /** Plain columns that are one table column's cast as they stand, which the CSV reader may type (decision 0025). */
  typed: TypedColumn[];
}

/** CSV column `_c<column>` holds group `group`, the value of the table column of that name, of type `type`. */
export interface TypedColumn { column: number; group: string; type: ColumnType }

/** Types the CSV reader converts exactly as TRY_CAST of the text does, or not at all (decision 0025). */
const READER_TYPES: ReadonlySet<ColumnType> = new Set(['DOUBLE', 'BIGINT', 'INTEGER']);

const KIND: Record<CsvKind, number> = { plain: 0, quoted: 1, 'dash-or-quoted': 2 };

/** A token matched against the joined text of plain columns (RE2 full match, as the line's own pattern does). */
export function tokenCheck(token: string, columns: number): string {
  // `$n` stands for a column below; a token holding one would be rewritten.
  if (/\$[0-9]/.test(token)) throw new Error(`token ${token} holds a column placeholder`);
  return `regexp_full_match(${Array.from({ length: columns }, (_, i) => `$${i + 1}`).join(" || ' ' || ")}, ${quoteLiteral(token)})`;
}

/** The CSV reading of a field: its own, or derived from a token no value of which can hold the separator or a quote. */
function csvField(f: Field, sep: string): CsvField | null {
  if (sep !== ' ') return f.groups.length === 1 && separatorFree(f.token, sep) ? { kinds: ['plain'], groups: ['$1'], ...(f.token === `([^${sep}]*)` ? {} : { check: tokenCheck(f.token, 1) }) } : null;
  if (f.csv) return f.csv;
  if (f.groups.length !== 1) return null;
  if (f.token === TOKEN.plain) return { kinds: ['plain'], groups: ['$1'] };
  if (f.token === TOKEN.quoted) return { kinds: ['quoted'], groups: ['$1'] };
  if (separatorFree(f.token, ' ')) return { kinds: ['plain'], groups: ['$1'], check: tokenCheck(f.token, 1) };
  return null;
}

/** A CSV column's value as the regular expression reads it (read_csv: nullstr '-', quoted values never NULL). */
function columnValue(kind: CsvKind, col: string): string {
  if (kind === 'plain') return `coalesce(${col}, '-')`;
  if (kind === 'quoted') return col;
  return `CASE WHEN ${col} IS NULL THEN '-' ELSE '"' || ${col} || '"' END`;
}

/** The layout, or undefined when a field has no CSV reading (the format is then read by its pattern alone). */
export function csvLayout(format: LineFormat): CsvLayout | undefined {
  // Another separator than a space only for a format with no quoted field, each split on it (decision 0026).
  const separator = format.separator ?? ' ';
  const fields = [...format.required, ...format.optional].map((f) => ({ f, csv: csvField(f, separator) }));
  if (fields.some((x) => !x.csv || x.csv.groups.length !== x.f.groups.length)) return undefined;
  const kinds: number[] = [];
  const ends: number[] = [];
  const groups: { name: string; sql: string }[] = [];
  const fits: string[] = [];
  const typed: TypedColumn[] = [];
  fields.forEach(({ f, csv }, i) => {
    const c = f.columns[0];
    if (f.columns.length === 1 && c && c.sql === undefined && c.name === f.groups[0] && READER_TYPES.has(c.type)
      && csv!.kinds.length === 1 && csv!.kinds[0] === 'plain' && csv!.groups[0] === '$1' && !csv!.check) typed.push({ column: kinds.length + 1, group: c.name, type: c.type });
    const values = csv!.kinds.map((k, j) => columnValue(k, `_c${kinds.length + j + 1}`));
    const sub = (sql: string): string => sql.replace(/\$([0-9]+)/g, (_, n: string) => `(${values[Number(n) - 1]!})`);
    kinds.push(...csv!.kinds.map((k) => KIND[k]));
    f.groups.forEach((g, j) => groups.push({ name: g, sql: sub(csv!.groups[j]!) }));
    const optional = i - format.required.length;
    if (optional >= 0) groups.push({ name: presenceGroup(optional), sql: `CASE WHEN _fields >= ${kinds.length} THEN ${quoteLiteral(separator)} ELSE '' END` });
    if (csv!.check) fits.push(optional >= 0 ? `(_fields < ${kinds.length} OR ${sub(csv!.check)})` : sub(csv!.check));
    if (i >= format.required.length - 1) ends.push(kinds.length);
  });
  // Lines with more fields than Cairn knows are read by the pattern (their tail is kept as written).
  for (const g of EXTRA_GROUPS) groups.push({ name: g, sql: "''" });
  const endSet = new Uint8Array(kinds.length + 1);
  for (const e of ends) endSet[e] = 1;
  return { kinds: Uint8Array.from(kinds), ends: endSet, groups, fits: fits.join(' AND ') || 'true', quotes: kinds.some((k) => k !== KIND.plain), separator, typed };
}

const SPACE = 0x20, QUOTE = 0x22, BACKSLASH = 0x5c, DASH = 0x2d;

/**
 * The number of CSV columns of b[start..end) when the line is written exactly as the layout says — every
 * quoted column in quotes with neither '"' nor '\' inside, every plain column without '"' (the CSV reader
 * reads such quotes literally, but they are left to the pattern rather than to its quote handling), a
 * dash-or-quoted one '-' or quoted, and a column count a line may end at — else -1 (the line is then read
 * by the format's pattern). Such a line splits the same way for the CSV reader and for the pattern.
 * With no quoted column, quotes are plain characters and only the count matters.
 */
export function csvColumns(b: Buffer, start: number, end: number, layout: CsvLayout): number {
  const { kinds, ends } = layout;
  if (!layout.quotes) {
    const sep = layout.separator.charCodeAt(0);
    let n = 1;
    for (let i = b.indexOf(sep, start); i >= 0 && i < end; i = b.indexOf(sep, i + 1)) n++;
    return n <= kinds.length && ends[n] === 1 ? n : -1;
  }
  let n = 0;
  let i = start;
  for (;;) {
    if (n >= kinds.length) return -1;
    const kind = kinds[n]!;
    if (i < end && b[i] === QUOTE) {
      if (kind === 0) return -1;
      for (i++; ; i++) {
        if (i >= end) return -1;
        const c = b[i];
        if (c === QUOTE) break;
        if (c === BACKSLASH) return -1;
      }
      i++;
    } else {
      const from = i;
      for (; i < end; i++) {
        const c = b[i];
        if (c === SPACE) break;
        if (c === QUOTE) return -1;
      }
      if (kind === 1 || (kind === 2 && !(i === from + 1 && b[from] === DASH))) return -1;
    }
    n++;
    if (i >= end) return ends[n] === 1 ? n : -1;
    if (b[i] !== SPACE) return -1;
    i++;
  }
}

/**
 * The quoted request line (`"([^ ]*) (url lazily) (- |[^ ]*)"`) read from its unquoted text: the verb runs to
 * the first space; of the rest, the protocol is '- ' when it ends in ' - ' (the lazy URL stops there first),
 * else what follows the last space.
 */
export const REQUEST_CSV: CsvField = (() => {
  const rest = "substr($1, strpos($1, ' ') + 1)";
  const dash = `suffix(${rest}, ' - ')`;
  const last = `split_part(${rest}, ' ', -1)`;
  return {
    kinds: ['quoted'],
    groups: ["left($1, strpos($1, ' ') - 1)",
      `CASE WHEN ${dash} THEN left(${rest}, length(${rest}) - 3) ELSE left(${rest}, length(${rest}) - length(${last}) - 1) END`,
      `CASE WHEN ${dash} THEN '- ' ELSE ${last} END`],
    check: `(strpos($1, ' ') > 0 AND strpos(${rest}, ' ') > 0)`,
  };
})();
