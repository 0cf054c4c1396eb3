// Issue #28: a seeded fuzzer over the real samples of every source (CloudTrail, VPC flow, ALB, Classic ELB,
// NLB TLS, CSV; the synthetic ALB connection logs). Each round mutates the samples (bytes, lines, JSON values, gzip), imports them in one run
// through the real import service and checks every file's count: read = imported + rejected, its rows in
// its tables = imported, its rows in cairn_rejects = rejected. A crash, a hang or a broken count fails with
// the seed printed; CAIRN_FUZZ_SEED=<seed> replays a round. In `npm test` a few fixed seeds run; with
// CAIRN_HARDENING=full (npm run test:hardening) random seeds run for CAIRN_FUZZ_ROUNDS rounds (default 20).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { FIXTURES, SAMPLES, tempDir } from '../helpers/temp';

const FULL = process.env.CAIRN_HARDENING === 'full';
const FILES_PER_ROUND = 36;
/** A round that takes longer than this is a hang. */
const ROUND_TIMEOUT_MS = 120_000;
/** Repeating a sample stops here, so a round stays a few MB. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** mulberry32: small, seedable, the same on every machine. */
function rng(seed: number): { next(): number; int(n: number): number; pick<T>(a: readonly T[]): T } {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (a) => a[Math.floor(next() * a.length)]! };
}
type Rng = ReturnType<typeof rng>;

/** The real samples, every source (attributed in test/fixtures/samples/SOURCES.md and the fixtures' READMEs). */
function seeds(): Array<{ name: string; bytes: Buffer }> {
  const out: Array<{ name: string; bytes: Buffer }> = [];
  const from = (dir: string, filter: (f: string) => boolean = () => true): void => {
    for (const f of readdirSync(dir).filter(filter)) out.push({ name: f, bytes: readFileSync(join(dir, f)) });
  };
  from(join(SAMPLES, 'cloudtrail'));
  from(join(SAMPLES, 'vpcflow'));
  from(join(SAMPLES, 'elb'));
  from(join(SAMPLES, 'csv'));
  from(join(FIXTURES, 'vpcflow'));
  from(join(FIXTURES, 'elb'));
  from(join(FIXTURES, 'alb_connection'), (f) => f.endsWith('.log'));
  from(join(FIXTURES, 'csv'), (f) => f.endsWith('.csv') || f.endsWith('.tsv'));
  return out;
}

const WEIRD_VALUES: unknown[] = [null, '', 0, -1, 1e308, 'x'.repeat(70_000), '\u0000', '\ud800', '=cmd|/c calc', { '': { '': [] } }, [[[[[]]]]], true, '2024-13-45T99:99:99Z', '\u202e', 'ＡＢＣ'];

function mutateJson(r: Rng, text: string): string | null {
  let value: unknown;
  try { value = JSON.parse(text); } catch { return null; }
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown, depth: number): void => {
    if (v && typeof v === 'object' && depth < 50) { containers.push(v as Record<string, unknown>); for (const c of Object.values(v)) walk(c, depth + 1); }
  };
  walk(value, 0);
  for (let k = 0, n = 1 + r.int(4); k < n && containers.length; k++) {
    const c = r.pick(containers);
    const keys = Object.keys(c);
    const key = keys.length ? r.pick(keys) : '0';
    const op = r.int(5);
    if (op === 0) (c as Record<string, unknown>)[key] = r.pick(WEIRD_VALUES);
    else if (op === 1) delete (c as Record<string, unknown>)[key];
    else if (op === 2) { const d = 1 + r.int(1500); (c as Record<string, unknown>)[key] = JSON.parse('['.repeat(d) + 'null' + ']'.repeat(d)); }
    else if (op === 3) (c as Record<string, unknown>)[key.toUpperCase() + 'X'] = (c as Record<string, unknown>)[key];
    else (c as Record<string, unknown>)[key] = r.pick(['eventTime', 'eventName', 'Records']);
  }
  let out = JSON.stringify(value);
  // Duplicate a key in place (JSON.stringify cannot write one).
  if (r.next() < 0.3) out = out.replace(/\{"([^"]{1,40})":/, (_m, k: string) => `{"${k}":"dup","${r.next() < 0.5 ? k : k.toLowerCase()}":`);
  return out;
}

function mutate(r: Rng, src: Buffer): Buffer {
  let b = Buffer.from(src);
  const ops = 1 + r.int(3);
  for (let k = 0; k < ops; k++) {
    const op = r.int(9);
    if (op === 0 && b.length) { for (let j = 0, n = 1 + r.int(8); j < n; j++) b[r.int(b.length)] = r.int(256); }
    else if (op === 1) { const at = r.int(b.length + 1); b = Buffer.concat([b.subarray(0, at), Buffer.from([r.pick([0, 0x0a, 0x0d, 0x22, 0x5c, 0x7b, 0x5b, 0x2c, 0xff, 0xc3])]), b.subarray(at)]); }
    else if (op === 2 && b.length) { const at = r.int(b.length); b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + r.int(64))]); }
    else if (op === 3) { b = b.subarray(0, r.int(b.length + 1)); }
    else if (op === 4) {
      const lines = b.toString('latin1').split('\n');
      const i = r.int(lines.length);
      const what = r.int(4);
      if (what === 0) lines.splice(i, 0, lines[i] ?? '');
      else if (what === 1) lines.splice(i, 1);
      else if (what === 2) lines[i] = (lines[i] ?? '').slice(0, r.int((lines[i] ?? '').length + 1));
      else lines[i] = (lines[i] ?? '').split(' ').reverse().join(' ');
      b = Buffer.from(lines.join('\n'), 'latin1');
    } else if (op === 5) { const j = mutateJson(r, b.toString('utf8')); if (j !== null) b = Buffer.from(j); }
    else if (op === 6) { const lines = b.toString('latin1').split('\n'); const i = r.int(lines.length); const j = mutateJson(r, lines[i] ?? ''); if (j !== null) { lines[i] = j; b = Buffer.from(lines.join('\n'), 'latin1'); } }
    else if (op === 7) { const n = Math.min(1 + r.int(200), Math.floor(MAX_FILE_BYTES / Math.max(b.length, 1))); if (n > 1) b = Buffer.concat(Array.from({ length: n }, () => b)); }
    else { b = Buffer.from(b.toString('latin1').replace(/ /g, () => (r.next() < 0.02 ? '\t' : ' ')), 'latin1'); }
  }
  return r.next() < 0.15 ? gzipSync(b) : b;
}

async function round(seed: number): Promise<{ files: number; records: number }> {
  const r = rng(seed);
  const all = seeds();
  const evidence = join(tempDir(), 'evidence');
  mkdirSync(evidence);
  for (let i = 0; i < FILES_PER_ROUND; i++) {
    const s = r.pick(all);
    writeFileSync(join(evidence, `${String(i).padStart(2, '0')}-${s.name}`), mutate(r, s.bytes));
  }
  const c = await Case.open(join(tempDir(), 'case'), { create: { name: `fuzz ${seed}`, examiner: 'fuzzer' } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`seed ${seed}: the import hung for ${ROUND_TIMEOUT_MS} ms`)), ROUND_TIMEOUT_MS); });
    const summary = await Promise.race([importEvidence(c, [evidence]), hang]);
    assert.equal(summary.state, 'finished', `seed ${seed}`);
    let records = 0;
    for (const f of summary.files) {
      const at = `seed ${seed}, ${JSON.stringify(f.relPath)} (${f.status}, ${f.reason ?? ''})`;
      assert.equal(f.recordsRead, f.imported + f.rejected, `${at}: read = imported + rejected`);
      if (f.evidenceId === null || !(f.status === 'imported' || f.status === 'imported_with_rejects')) continue;
      const ev = c.forImport().store.evidence().find((e) => e.id === f.evidenceId)!;
      let rows = 0;
      for (const t of ev.tables) rows += Number((await c.forImport().conn.runAndReadAll(`SELECT count(*) FROM "${t}" WHERE _evidence_id = ${f.evidenceId}`)).getRowsJS()[0]![0]);
      const rejects = Number((await c.forImport().conn.runAndReadAll(`SELECT count(*) FROM cairn_rejects WHERE evidence_id = ${f.evidenceId}`)).getRowsJS()[0]![0]);
      assert.equal(rows, f.imported, `${at}: rows in ${ev.tables.join(', ')}`);
      assert.equal(rejects, f.rejected, `${at}: rows in cairn_rejects`);
      records += f.recordsRead;
    }
    assert.deepEqual((await c.verifySeals()).problems, [], `seed ${seed}: seals`);
    return { files: summary.files.length, records };
  } finally {
    clearTimeout(timer);
    await c.close();
  }
}

const fixedSeeds = [20261207, 1, 28];
const replay = process.env.CAIRN_FUZZ_SEED ? [Number(process.env.CAIRN_FUZZ_SEED)] : null;
const rounds = Number(process.env.CAIRN_FUZZ_ROUNDS ?? 20);
const seedList = replay ?? (FULL ? Array.from({ length: rounds }, () => Math.floor(Math.random() * 2 ** 31)) : fixedSeeds);

test(`fuzzing the real samples: ${seedList.length} round(s) of ${FILES_PER_ROUND} mutated files`, async () => {
  let files = 0, records = 0;
  for (const seed of seedList) {
    console.log(`# fuzz seed ${seed} (replay: CAIRN_FUZZ_SEED=${seed} node --test dist/test/hardening/fuzz.test.js)`);
    const r = await round(seed).catch((e: unknown) => { throw new Error(`seed ${seed}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`); });
    files += r.files;
    records += r.records;
  }
  console.log(`# fuzz: ${seedList.length} rounds, ${files} files, ${records} records read, every count exact`);
});
