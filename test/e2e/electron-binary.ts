// Where the Electron binary is, without asking the electron package: its index.js *downloads* the binary
// when it is missing, and these machines must never reach for the network.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export function findElectronBinary(): { path: string } | { missing: string } {
  const pkgDir = join(REPO_ROOT, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return { missing: 'the electron package is not installed' };
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const candidate = rel ? join(distDir, rel) : '';
  if (!candidate || !existsSync(candidate)) {
    return { missing: `Electron binary not installed: ${candidate || join(pkgDir, 'path.txt')} does not exist (the electron npm package was installed without its binary, which cannot be downloaded on this machine)` };
  }
  return { path: candidate };
}
