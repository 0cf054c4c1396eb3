// Enforces the layering: shared/ is self-contained; electron/core never imports Electron or the layers above
// it; the renderer never imports Node or the main-process code; the preload imports only Electron (types aside).
// Inside the renderer, folders import only downward (RENDERER_TIERS) and feature folders never import each other.
// Also: DuckDB instances are created in evidence-db.ts only, layering inside the core (CORE_LAYERS), and the CLI
// reaches cases only through the dispatcher (CLI_FORBIDDEN).
// Usage: node scripts/lint-layers.mjs [ROOT] (ROOT: another tree to check, for the lint's own test).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = process.argv[2] ? resolve(process.argv[2]) : resolve(dirname(new URL(import.meta.url).pathname), '..');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/gm;

function files(dir) {
  let out = [];
  let entries = [];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// Packages shared/ may use: pure, browser-safe, and needed on both sides (the contract's schemas).
const SHARED_PACKAGES = new Set(['zod']);
const inside = (file, dir) => file.startsWith(join(root, dir) + sep);
const CORE = join('electron', 'core');
/**
 * Folders of the core that may import only the core folders listed (besides their own, shared/ and the
 * core's root files such as errors.ts). Staging reads evidence files and knows no source, case or import
 * run; a source reads staged files into DuckDB and knows no case, import run or API.
 */
/** Core folders the CLI may not import: a case, its databases, an import or a query run only behind the dispatcher. */
const CLI_FORBIDDEN = ['case', 'duck', 'import', 'hunt', 'report'];
const CORE_LAYERS = {
  intake: [],
  sources: ['intake', 'duck'],
};
/** The core folder a file or import target (a path without extension, or a folder) is in; '' for the core's root files. */
function coreFolder(path) {
  if (!path.startsWith(join(root, CORE) + sep)) return null;
  const parts = relative(join(root, CORE), path).split(sep);
  return parts.length > 1 || isFolder(path) ? parts[0] : '';
}
function isFolder(path) {
  try { return statSync(path).isDirectory(); } catch { return false; }
}
const problems = [];
// DuckDB's allocator settings are process-wide, and every DuckDB instance applies its own when created
// (evidence-db.ts: allocator_background_threads): so the app creates its instances in one place only.
const INSTANCE_HOME = join('electron', 'core', 'duck', 'evidence-db.ts');
const CREATES_INSTANCE = /DuckDBInstance\s*\.\s*(create|fromCache)\b/;
// Renderer rooms, lowest first. A folder not listed is a feature (tier 3): a new view is a new folder that may use
// everything below it and is used only by the shell, so no feature reaches into another's files.
const RENDERER_TIERS = { common: 0, stores: 1, monaco: 2, shell: 4 };
const FEATURE_TIER = 3;
const rendererRoom = (file) => {
  const parts = relative(join(root, 'renderer'), file).split(sep);
  return parts.length === 1 ? { name: '(root)', tier: 5 } : { name: parts[0], tier: RENDERER_TIERS[parts[0]] ?? FEATURE_TIER };
};
const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

for (const file of [...files(join(root, 'shared')), ...files(join(root, 'electron')), ...files(join(root, 'renderer'))]) {
  const text = readFileSync(file, 'utf8');
  const rel = relative(root, file);
  if (rel !== INSTANCE_HOME && CREATES_INSTANCE.test(withoutComments(text))) {
    problems.push(`${rel}: creates a DuckDB instance: only ${INSTANCE_HOME} does, with the settings the import was measured with`);
  }
  for (const m of text.matchAll(IMPORT_RE)) {
    const typeOnly = !!m[1];
    const spec = m[2] ?? m[3];
    const target = spec.startsWith('.') ? resolve(dirname(file), spec) : null;
    const say = (why) => problems.push(`${rel}: imports ${JSON.stringify(spec)}: ${why}`);
    if (inside(file, 'shared')) {
      if (target ? !inside(target + '.ts', 'shared') : !SHARED_PACKAGES.has(spec)) say('shared/ may import only from shared/ (and the packages in SHARED_PACKAGES)');
    } else if (inside(file, join('electron', 'core'))) {
      if (spec === 'electron' || spec.startsWith('electron/')) say('the core runs in plain Node and must not import Electron');
      if (target && !inside(target + '.ts', join('electron', 'core')) && !inside(target + '.ts', 'shared')) say('the core may import only the core and shared/');
      const from = coreFolder(file);
      const to = target ? coreFolder(target) : null;
      const allowed = CORE_LAYERS[from];
      if (allowed && to && to !== from && !allowed.includes(to)) {
        say(`core/${from}/ may import only ${allowed.length ? allowed.map((d) => `core/${d}/`).join(', ') : 'itself'} (and shared/, the core's root files)`);
      }
    } else if (inside(file, join('electron', 'cli')) || rel === join('electron', 'cli.ts')) {
      // The CLI is not a second front door: it reaches a case only through the dispatcher (withCore).
      const to = target ? coreFolder(target) : null;
      if (to && CLI_FORBIDDEN.includes(to)) say(`the CLI reaches cases through the contract (cli/core-client.ts), not core/${to}/`);
    } else if (rel === join('electron', 'preload.ts')) {
      if (!typeOnly && spec !== 'electron') say('the sandboxed preload can require only electron');
    } else if (inside(file, 'renderer') && !/vite\.config\./.test(rel)) {
      if (NODE_BUILTINS.has(spec)) say('the renderer must not use Node modules');
      if (spec === 'electron' || (target && inside(target + '.ts', 'electron'))) say('the renderer talks to the core only through shared/api.ts');
      if (target && inside(target + '.ts', 'renderer')) {
        const from = rendererRoom(file);
        const to = rendererRoom(target + '.ts');
        if (from.name !== to.name && (to.tier > from.tier || (to.tier === from.tier))) {
          say(`renderer/${from.name} (tier ${from.tier}) may import only its own folder and lower tiers, not renderer/${to.name} (tier ${to.tier}): common < stores < monaco < features < shell`);
        }
      }
    }
  }
}

// shared/ is the bottom layer everyone reads: its modules form a chain, not a cycle (types.ts gathers them).
const sharedGraph = new Map();
for (const file of files(join(root, 'shared'))) {
  const deps = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
    const spec = m[2] ?? m[3];
    if (spec.startsWith('.')) deps.push(resolve(dirname(file), spec) + '.ts');
  }
  sharedGraph.set(file, deps);
}
const cycleFrom = (start) => {
  const stack = [[start, [start]]];
  const seen = new Set();
  while (stack.length) {
    const [node, path] = stack.pop();
    for (const next of sharedGraph.get(node) ?? []) {
      if (next === start) return [...path, next];
      if (!seen.has(next)) { seen.add(next); stack.push([next, [...path, next]]); }
    }
  }
  return null;
};
const reported = new Set();
for (const file of sharedGraph.keys()) {
  const cycle = cycleFrom(file);
  const key = cycle && [...new Set(cycle)].sort().join('|');
  if (cycle && !reported.has(key)) { reported.add(key); problems.push(`shared/ import cycle: ${cycle.map((f) => relative(root, f)).join(' -> ')}`); }
}

if (problems.length) {
  console.error(`layering: ${problems.length} problem(s)\n` + problems.map((p) => `  ${p}`).join('\n'));
  process.exit(1);
}
console.log('layering: ok');
