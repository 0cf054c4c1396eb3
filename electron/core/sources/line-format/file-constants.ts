// Per-file column values (evidence id, S3 key parts) for one statement that reads many files' copies at once
// (decision 0026). A value that is the same SQL for every file is written as it is; one that is a literal per
// file (or, where a file has none, one shared fallback expression) comes from a per-file table `k` joined on the
// copy's path. Any other mix cannot be shared, and the files are then read one statement each.
import { quoteIdent, quoteLiteral } from '../../duck/evidence-db';
import type { FileKeys } from './line-sql';

/**
 * A column's value for one file: SQL over the groups `g`. `literal` is set when that SQL is this file's literal
 * ('NULL' when it has none), or that literal's stand-in `fallbackSql` (an expression all files share) when NULL.
 */
export interface FileConstant { name: string; sql: string; literal?: string; fallbackSql?: string }

/** A file's evidence id as a constant (a literal per file, so a batch's files share one statement). */
export function evidenceConstant(evidenceId: number): FileConstant {
  const id = String(Math.trunc(evidenceId));
  return { name: '_evidence_id', sql: id, literal: id };
}

/** The constants as one statement writes them for all `files` (copy path -> that file's constants), or null. */
export function sharedConstants(files: ReadonlyMap<string, readonly FileConstant[]>): { constants: { name: string; sql: string }[]; keys: FileKeys } | null {
  const lists = [...files.values()];
  const names = lists[0]?.map((c) => c.name) ?? [];
  if (lists.some((l) => l.length !== names.length || l.some((c, i) => c.name !== names[i]))) return null;
  const constants: { name: string; sql: string }[] = [];
  const keyed: { name: string; of(list: readonly FileConstant[]): string }[] = [];
  for (const [i, name] of names.entries()) {
    const all = lists.map((l) => l[i]!);
    if (all.every((c) => c.sql === all[0]!.sql)) { constants.push({ name, sql: all[0]!.sql }); continue; }
    const literals = all.every((c) => c.literal !== undefined && c.fallbackSql === all[0]!.fallbackSql);
    if (!literals) return null;
    const column = `c${keyed.length}`;
    keyed.push({ name: column, of: (l) => l[i]!.literal! });
    const fallback = all[0]!.fallbackSql;
    constants.push({ name, sql: fallback ? `coalesce(k.${quoteIdent(column)}, ${fallback})` : `k.${quoteIdent(column)}` });
  }
  const rows = [...files].map(([path, list]) => [quoteLiteral(path), ...keyed.map((k) => k.of(list))]);
  return { constants, keys: { columns: keyed.map((k) => k.name), rows } };
}

/** One statement's copies: their paths and the constants as that statement writes them (keys: the per-file table). */
export interface CopyStatement<T> { items: T[]; paths: string[]; constants: { name: string; sql: string }[]; keys?: FileKeys }

/** A batch's copies as statements: one for all when their constants can be shared, else one per copy. */
export function copyStatements<T>(items: readonly T[], pathOf: (item: T) => string, constantsOf: (item: T) => readonly FileConstant[]): CopyStatement<T>[] {
  const shared = items.length > 1 ? sharedConstants(new Map(items.map((i) => [pathOf(i), constantsOf(i)]))) : null;
  if (shared) return [{ items: [...items], paths: items.map(pathOf), constants: shared.constants, keys: shared.keys }];
  return items.map((i) => ({ items: [i], paths: [pathOf(i)], constants: constantsOf(i).map((c) => ({ name: c.name, sql: c.sql })) }));
}
