// electron-builder.yml is checked the way electron-builder itself would check it (its JSON schema, and its
// own validateConfiguration), because the installers cannot be built here: that needs the Electron binary.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';

// js-yaml ships no types and we add no @types package for one call.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const CONFIG_FILE = join(REPO_ROOT, 'electron-builder.yml');
const SCHEMA_FILE = join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'scheme.json');

type Config = Record<string, any>;
const load = (): Config => yaml.load(readFileSync(CONFIG_FILE, 'utf8')) as Config;

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
const schemaErrors = (config: unknown): string[] =>
  validateSchema(config) ? [] : (validateSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** electron-builder's own check (schema plus its deprecation rules), as run at the start of every build. */
async function builderErrors(config: unknown): Promise<string | null> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
  try { await validateConfiguration(structuredClone(config), { isEnabled: false, add() { /* no debug log */ } }); return null; } catch (e) { return (e as Error).message; }
}

describe('electron-builder.yml against electron-builder\'s schema', () => {
  test('the schema is electron-builder\'s own (the installed app-builder-lib)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { properties: Record<string, unknown> };
    for (const key of ['electronFuses', 'asarUnpack', 'npmRebuild', 'nsis', 'dmg', 'deb', 'appImage']) assert.ok(key in schema.properties, key);
  });
  test('is valid for ajv with the schema', () => {
    assert.deepEqual(schemaErrors(load()), []);
  });
  test('is valid for electron-builder\'s validateConfiguration', async () => {
    assert.equal(await builderErrors(load()), null);
  });

  // The validators must be able to fail: each mutation of the real file is rejected. electron-builder runs
  // ajv with coerceTypes, so it accepts 'false' for false and 1 for '1'; our strict check does not.
  const mutations: Array<[string, (c: Config) => void, 'both' | 'strict only']> = [
    ['an unknown top-level key', (c) => { c.electronFusez = c.electronFuses; }, 'both'],
    ['a misspelt fuse', (c) => { c.electronFuses.runAsNodee = false; }, 'both'],
    ['a fuse as a string', (c) => { c.electronFuses.runAsNode = 'false'; }, 'strict only'],
    ['npmRebuild as a word', (c) => { c.npmRebuild = 'yes'; }, 'both'],
    ['an unknown nsis option', (c) => { c.nsis.oneClik = false; }, 'both'],
    ['asarUnpack as a number', (c) => { c.asarUnpack = 1; }, 'strict only'],
    ['an unknown linux option', (c) => { c.linux.targets = c.linux.target; }, 'both'],
  ];
  for (const [label, mutate, who] of mutations) {
    test(`a copy with ${label} is rejected (${who})`, async () => {
      const config = load();
      mutate(config);
      assert.notDeepEqual(schemaErrors(config), [], 'ajv accepted it');
      if (who === 'both') assert.match((await builderErrors(config)) ?? 'accepted', /Invalid configuration object/, 'electron-builder accepted it');
    });
  }
});

describe('what the issue requires of the packaging', () => {
  const c = load();
  const targets = (platform: Config | undefined): string[] =>
    ((platform?.target ?? []) as Array<string | { target: string }>).map((t) => (typeof t === 'string' ? t : t.target));

  test('identity', () => {
    assert.equal(c.productName, 'Cairn');
    assert.match(String(c.appId), /^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
  test('installers for Linux (AppImage, deb), Windows (nsis) and macOS (dmg)', () => {
    assert.deepEqual(targets(c.linux).sort(), ['AppImage', 'deb']);
    assert.deepEqual(targets(c.win), ['nsis']);
    assert.deepEqual(targets(c.mac), ['dmg']);
  });
  test('Electron fuses: no Node runtime, no NODE_OPTIONS/inspect, asar integrity, app only from asar', () => {
    assert.deepEqual(c.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
  test('native modules unpacked from asar and rebuilt for Electron\'s ABI', () => {
    assert.equal(c.asar, true);
    assert.equal(c.npmRebuild, true);
    const unpack = c.asarUnpack as string[];
    assert.ok(unpack.some((p) => p.includes('node_modules/better-sqlite3')), 'better-sqlite3 unpacked');
    assert.ok(unpack.some((p) => p.includes('node_modules/@duckdb/node-bindings')), '@duckdb/node-bindings unpacked');
  });
  test('the staging thread is unpacked with everything it loads', () => {
    const unpack = c.asarUnpack as string[];
    // Everything the worker script loads, followed import by import. A project import outside intake/ would not
    // load from app.asar.unpacked (the app would quietly stage on the main thread): Node's own modules only.
    const loaded = new Set<string>();
    const visit = (name: string): void => {
      if (loaded.has(name)) return;
      loaded.add(name);
      const source = readFileSync(join(REPO_ROOT, 'electron', 'core', 'intake', `${name}.ts`), 'utf8');
      for (const [line, , from] of source.matchAll(/^import([^'"]*)['"]([^'"]+)['"]/gm)) {
        if (from!.startsWith('node:') || /^import type /.test(line)) continue;
        assert.match(from!, /^\.\/[\w-]+$/, `${name}.ts imports ${from}`);
        visit(from!.slice(2));
      }
    };
    visit('stage-worker');
    assert.ok(loaded.size >= 4, [...loaded].join(', '));
    for (const name of loaded) assert.ok(unpack.includes(`dist/electron/core/intake/${name}.js`), `${name}.js unpacked`);
  });
  test('no update server is contacted (air-gapped)', () => {
    assert.equal(c.publish, null);
  });
  test('resources/ ships beside the asar, where electron/main.ts looks for it', () => {
    assert.deepEqual(c.extraResources.map((r: Config) => [r.from, r.to]), [['resources', 'resources']]);
    assert.match(readFileSync(join(REPO_ROOT, 'electron', 'main.ts'), 'utf8'), /join\(process\.resourcesPath, 'resources'\)/);
  });

  // electron-builder's own matcher decides which project files enter app.asar.
  test('files: the compiled app and package.json go in; tests, fixtures, sources and maps stay out', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as { FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean } };
    const filter = new FileMatcher('/app', '/out', (s) => s, c.files as string[]).createFilter();
    const included = (rel: string): boolean => filter(`/app/${rel}`, { isDirectory: () => false });
    for (const rel of ['package.json', 'dist/electron/main.js', 'dist/electron/preload.js', 'dist/electron/core/duck/base-schema.sql', 'dist/renderer/index.html', 'dist/renderer/assets/editor.worker.js', 'dist/shared/api.js']) {
      assert.equal(included(rel), true, `${rel} should be packaged`);
    }
    for (const rel of ['dist/test/unit/transport/loopback-auth.test.js', 'dist/test/e2e/workbench.test.js', 'dist/bench/run.js', 'dist/electron/main.js.map', 'test/fixtures/samples/cloudtrail/cloudtrail.json', 'electron/main.ts', 'renderer/main.tsx', 'electron-builder.yml', 'docs/packaging.md', '.ci/run', 'node_modules/monaco-editor/esm/vs/editor/editor.main.js']) {
      assert.equal(included(rel), false, `${rel} should not be packaged`);
    }
  });
});
