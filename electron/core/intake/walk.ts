import { promises as fsp } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

export interface FoundFile {
  path: string;      // absolute
  relPath: string;   // relative to the root the analyst chose (a single file: its name)
  /** Set when the entry cannot be evidence (a symlink, a device); listed, never silently skipped. */
  skipReason?: string;
  /** Size when found (progress totals); the staging reads its own. */
  size: number;
}

/** Expands the analyst's inputs (files and folders, recursively) into a sorted file list. */
export async function findEvidenceFiles(inputs: string[]): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  for (const input of inputs) {
    const abs = resolve(input);
    const st = await fsp.lstat(abs);
    if (st.isDirectory()) await walk(abs, abs, out);
    else out.push(classify(abs, relative(dirname(abs), abs) || basename(abs), st));
  }
  return out;
}

async function walk(root: string, dir: string, out: FoundFile[]): Promise<void> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A folder's entries are looked at together: one stat at a time is a round trip each (decision 0010).
  const stats = await Promise.all(entries.map((e) => e.isDirectory() ? null : fsp.lstat(join(dir, e.name))));
  for (const [i, e] of entries.entries()) {
    const p = join(dir, e.name);
    const st = stats[i];
    if (st) out.push(classify(p, relative(root, p), st));
    else await walk(root, p, out);
  }
}

function classify(path: string, relPath: string, st: import('node:fs').Stats): FoundFile {
  if (st.isSymbolicLink()) return { path, relPath, size: 0, skipReason: 'symbolic link: not followed (add the file it points to instead)' };
  if (!st.isFile()) return { path, relPath, size: 0, skipReason: 'not a regular file' };
  return { path, relPath, size: st.size };
}
