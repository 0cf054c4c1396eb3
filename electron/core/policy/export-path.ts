import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CairnError } from '../errors';

/**
 * Where a file the core writes for its caller goes. A page (Electron, loopback) is driven by hostile log content, so
 * it may only name a file inside the case's `exports/` or `reports/` folder; the CLI's caller typed the report's
 * path (`cairn report --out`), so a report from the CLI is written where it says. Query exports stay in the case.
 */
export type PathPolicy = 'case-folder' | 'as-given';

export interface CaseFileRequest {
  caseDir: string;
  folder: 'exports' | 'reports';
  /** What the caller asked for (a file name; with 'as-given', any path); a default name when absent. */
  requested: string | undefined;
  /** The file's extension, without the dot. */
  ext: string;
  /** Used in messages and the default name: 'export', 'report'. */
  noun: string;
  defaultStem: string;
  /** The report insists its name ends in its format's extension; an export does not. */
  requireExt?: boolean;
}

/** The resolved target, and whether the caller chose the path (an overwrite is then theirs to make). */
export function caseFileTarget(policy: PathPolicy, r: CaseFileRequest): { path: string; chosenByCaller: boolean } {
  if (policy === 'as-given' && r.requested) return { path: resolve(r.requested), chosenByCaller: true };
  const dir = join(r.caseDir, r.folder);
  mkdirSync(dir, { recursive: true });
  const name = r.requested ? basename(r.requested) : `${r.defaultStem}-${new Date().toISOString().replace(/[:.]/g, '-')}.${r.ext}`;
  if (!/^[\w.-]{1,128}$/.test(name) || name.startsWith('.')) throw new CairnError('BAD_REQUEST', `a${/^[aeiou]/.test(r.noun) ? 'n' : ''} ${r.noun} name may use letters, digits, dot, dash and underscore`);
  if (r.requested && resolve(dir, r.requested) !== join(dir, name)) throw new CairnError('BAD_REQUEST', `${r.noun}s are written to the case's ${r.folder} folder (${dir}); give a file name, not a path`);
  if (r.requireExt && !name.endsWith(`.${r.ext}`)) throw new CairnError('BAD_REQUEST', `a ${r.ext} ${r.noun}'s name ends in .${r.ext}`);
  return { path: join(dir, name), chosenByCaller: false };
}
