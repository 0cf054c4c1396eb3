// npm start: launch the desktop app, or explain how to use the browser workbench where Electron is missing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath = null;
try { electronPath = require('electron'); } catch { electronPath = null; }
if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
  process.stderr.write(`The Electron binary is not installed on this machine (it cannot be downloaded here), so the
desktop window cannot open. The same workbench runs in a browser, served on 127.0.0.1 only:

  npx cairn serve --case ./my-case      # prints a http://127.0.0.1:PORT/#token=... link to open

On a machine where Electron installed normally, \`npm start\` opens the desktop app.
`);
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
