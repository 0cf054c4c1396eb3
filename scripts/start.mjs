// npm start: launch the desktop app, or explain how to use the browser workbench where Electron is missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Find the binary the way the electron package records it (path.txt), without require('electron'): its
// index.js tries to download a missing binary, and these workstations must never reach for the network.
const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'electron');
const pathFile = join(pkgDir, 'path.txt');
const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
const electronPath = rel ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist'), rel) : null;
if (!electronPath || !existsSync(electronPath)) {
  process.stderr.write(`The Electron binary is not installed on this machine (it cannot be downloaded here), so the
desktop window cannot open. The same workbench runs in a browser, served on 127.0.0.1 only:

  npx cairn serve --case ./my-case      # prints a http://127.0.0.1:PORT/#token=... link to open

On a machine where Electron installed normally, \`npm start\` opens the desktop app.
`);
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
