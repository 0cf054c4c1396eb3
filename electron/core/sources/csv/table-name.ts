// Table and column names for CSV files: safe SQL identifiers an analyst can type unquoted.

/** Names other sources own or will own; a CSV called cloudtrail.csv must not land in (or beside) them. */
export const RESERVED_TABLE_NAMES: ReadonlySet<string> = new Set([
  'cloudtrail', 'cloudtrail_digest', 'cloudtrail_digests', 'vpc_flow_logs', 'vpcflow', 'csv',
]);

/** Prefixes of system and Cairn namespaces; a table name starting with one gets `csv_` in front. */
const RESERVED_PREFIXES = ['cairn_', 'duckdb_', 'sqlite_', 'pg_', 'information_schema'];

/** DuckDB 1.5 reserved keywords (duckdb_keywords() category 'reserved'): unusable unquoted as table names. */
const SQL_RESERVED = new Set(('all analyse analyze and any array as asc asymmetric both case cast check collate column '
  + 'constraint create default deferrable desc describe distinct do else end except false fetch for foreign from group '
  + 'having in initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer '
  + 'pivot_wider placing primary qualify references returning select show some summarize symmetric table then to '
  + 'trailing true union unique unpivot using variadic when where window with').split(' '));

/** Provenance columns every CSV table carries; header names may not take them. */
export const PROVENANCE_COLUMNS = ['_evidence_id', '_ordinal', '_line'] as const;

const MAX_IDENT = 63;

/**
 * Lowercase [a-z0-9_], accents folded, runs of anything else collapsed to one underscore. Leading
 * underscores go too, which keeps the `_` prefix (provenance columns) ours alone.
 */
export function toIdentifier(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_IDENT)
    .replace(/_+$/g, '');
}

/** `events.2024-01.csv.gz` → `events_2024_01`: the base name without compression and text extensions. */
export function baseTableName(fileName: string): string {
  const stem = fileName.replace(/(\.(gz|gzip))$/i, '').replace(/\.(csv|tsv|psv|txt|dat|log)$/i, '');
  let name = toIdentifier(stem);
  if (name === '') name = 'csv_file';
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) name = `csv_${name}`;
  return name.slice(0, MAX_IDENT - 4); // room for a _NNN suffix
}

/** A table name for the file that is not in `taken` (compared lowercase), reserved or a keyword; suffix _2, _3, ... */
export function uniqueTableName(fileName: string, taken: ReadonlySet<string>): string {
  const base = baseTableName(fileName);
  const used = (n: string): boolean => taken.has(n) || RESERVED_TABLE_NAMES.has(n) || SQL_RESERVED.has(n);
  if (!used(base)) return base;
  for (let i = 2; ; i++) if (!used(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * Column names from header cells (or none): safe identifiers, unique case-insensitively, `column_N`
 * (N = 1-based position) for empty or missing cells, `_2`, `_3` ... for repeats. Keywords stay: columns
 * are always quoted in generated SQL, and `"end"` is what an analyst would expect from a header `end`.
 */
export function columnNames(header: readonly string[] | null, count: number): string[] {
  const taken = new Set<string>(PROVENANCE_COLUMNS);
  const planned: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = toIdentifier(header?.[i] ?? '');
    if (name === '') name = `column_${i + 1}`;
    else if (/^[0-9]/.test(name)) name = `c_${name}`;
    planned.push(name);
  }
  const out: string[] = [];
  for (const base of planned) {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    out.push(name);
  }
  return out;
}
