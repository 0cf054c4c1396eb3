// Copies the non-TypeScript assets the compiled core reads at run time (SQL files, query library) into dist/.
import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const roots = ['electron', 'shared'];
const exts = ['.sql'];

function copyTree(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) copyTree(p);
    else if (exts.some((e) => name.endsWith(e))) {
      const dest = join('dist', p);
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(p, dest);
    }
  }
}
for (const r of roots) copyTree(r);
