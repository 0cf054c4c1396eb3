// The layering lint's rules inside the core can fail: it is run on small trees that break each one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { REPO, tempDir } from '../../helpers/temp';

/** Lints a tree made of these files (path -> text); returns the exit status and what it said. */
function lint(files: Record<string, string>): { status: number | null; out: string } {
  const root = tempDir('cairn-lint-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'lint-layers.mjs'), root], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

const TREE = {
  'electron/core/errors.ts': 'export class CairnError extends Error {}\n',
  'electron/core/intake/stage.ts': "import { toStagedForm } from './staged-form';\nexport const x = toStagedForm;\n",
  'electron/core/intake/staged-form.ts': 'export function toStagedForm(): null { return null; }\n',
  'electron/core/duck/rejects.ts': 'export const REJECTS = 1;\n',
  'electron/core/dialect/index.ts': 'export const D = 1;\n',
  'electron/core/sources/source.ts': "import type { StagedForm } from '../intake/staged-form';\nexport type S = StagedForm;\n",
  'electron/core/sources/csv/index.ts': "import { REJECTS } from '../../duck/rejects';\nimport { CairnError } from '../../errors';\nimport type { S } from '../source';\nexport { REJECTS, CairnError };\nexport type T = S;\n",
  'electron/core/sources/registry.ts': "export const SOURCES = [];\n",
  'electron/core/import/admit.ts': "import { SOURCES } from '../sources/registry';\nimport { toStagedForm } from '../intake/staged-form';\nexport { SOURCES, toStagedForm };\n",
};

test('the layering lint passes a tree that keeps the core layers', () => {
  const r = lint(TREE);
  assert.equal(r.status, 0, r.out);
});

test('intake importing a source, the import run or any other core folder fails the lint', () => {
  for (const [spec, why] of [["'../sources/registry'", 'a source'], ["'../import/admit'", 'the import run'], ["'../dialect'", 'a core folder through its index']] as const) {
    const r = lint({ ...TREE, 'electron/core/intake/stage.ts': `import { X } from ${spec};\nexport const x = X;\n` });
    assert.equal(r.status, 1, `intake importing ${why} must fail: ${r.out}`);
    assert.match(r.out, /electron\/core\/intake\/stage\.ts: imports .*core\/intake\/ may import only itself/);
  }
  const typeOnly = lint({ ...TREE, 'electron/core/intake/stage.ts': "import type { S } from '../sources/source';\nexport type X = S;\n" });
  assert.equal(typeOnly.status, 1, 'a type-only import is a dependency too');
});

test('a source importing the import run or the case fails the lint', () => {
  for (const spec of ["'../../import/admit'", "'../../case/case-store'"]) {
    const r = lint({ ...TREE, 'electron/core/sources/csv/index.ts': `import { X } from ${spec};\nexport const x = X;\n` });
    assert.equal(r.status, 1, `${spec}: ${r.out}`);
    assert.match(r.out, /core\/sources\/ may import only core\/intake\/, core\/duck\//);
  }
});

test('the CLI importing a case, the evidence database or the import run fails the lint; the dispatcher passes', () => {
  for (const spec of ["'../core/case/case'", "'../core/duck/evidence-db'", "'../core/import/import-service'"]) {
    const r = lint({ ...TREE, 'electron/cli/hunt-command.ts': `import { X } from ${spec};\nexport const x = X;\n` });
    assert.equal(r.status, 1, `${spec}: ${r.out}`);
    assert.match(r.out, /electron\/cli\/hunt-command\.ts: imports .*the CLI reaches cases through the contract/);
  }
  const ok = lint({ ...TREE, 'electron/cli/hunt-command.ts': "import { createCore } from '../core/api/create-core';\nexport const x = createCore;\n" });
  assert.equal(ok.status, 0, ok.out);
});
