// Computed columns read many paths of one record (`j->>'$.service.action.actionType'`). DuckDB parses the record
// for every such read, and on large findings (GuardDuty, Security Hub) those parses outgrew the importer's memory:
// one json_extract_string(j, [paths]) parses it once for all of them (decision 0019).

/** The column the paths' values are read from, one list per record. */
export const PATHS_COLUMN = '__cairn_paths';

const READ = /\bj->>'((?:[^']|'')*)'/g;

/**
 * Every `j->>'path'` in `sqls`, each once, and the texts with each read replaced by its place in the list
 * `__cairn_paths` (1-based, as DuckDB's lists are). `paths` holds the literals as written ('' doubled).
 */
export function sharePaths(sqls: readonly string[]): { paths: string[]; rewritten: string[] } {
  const index = new Map<string, number>();
  const rewritten = sqls.map((sql) => sql.replace(READ, (_m, path: string) => {
    let k = index.get(path);
    if (k === undefined) { k = index.size + 1; index.set(path, k); }
    return `${PATHS_COLUMN}[${k}]`;
  }));
  return { paths: [...index.keys()], rewritten };
}

/** The expression that makes `__cairn_paths` from the record `j`, or null when no column reads a path. */
export function pathsExpression(paths: readonly string[]): string | null {
  return paths.length === 0 ? null : `json_extract_string(j, [${paths.map((p) => `'${p}'`).join(', ')}])`;
}
