import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Tests sign with a key of their own, never the user's (examiner/examiner-key.ts: created on first use).
process.env.CAIRN_EXAMINER_KEY_DIR ??= join(tmpdir(), 'cairn-test-examiner-key');

const made: string[] = [];
// node --test runs each file in its own process, so its exit is the end of the file. An after() hook would
// be tied to whichever test or hook called tempDir(), and a folder made in before() went away too early.
process.once('exit', () => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

/** A fresh temp folder, removed when the test file's process exits. */
export function tempDir(prefix = 'cairn-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The repo root, from dist/test/helpers at run time. */
export const REPO = resolve(__dirname, '..', '..', '..');
export const SAMPLES = join(REPO, 'test', 'fixtures', 'samples');
export const FIXTURES = join(REPO, 'test', 'fixtures');
