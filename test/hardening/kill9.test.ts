// Issue #28: `kill -9` at seeded points of the real CLI: during an import (while files stage, while a batch
// inserts, and while the WAL holds a committed batch, i.e. during the checkpoint that follows every commit)
// and during report export. After each kill: the case opens, case.sqlite passes PRAGMA integrity_check,
// `cairn verify` passes (seals, audit chain), a report file is whole or absent, and importing again gives
// exactly the records written, once each. `npm test` runs a handful of points; CAIRN_HARDENING=full runs 50
// (CAIRN_KILL_POINTS to change). CAIRN_KILL_SEED replays one point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { REPO, tempDir } from '../helpers/temp';

const FULL = process.env.CAIRN_HARDENING === 'full';
const CLI = join(REPO, 'bin', 'cairn.js');
const FILES = 24;
const PER_FILE = 2500;
const VPC_LINES = 20_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let evidenceDir: string | undefined;
/** CloudTrail in the S3 layout (gzip) and a VPC flow log; written once per test file. */
function evidence(): string {
  if (evidenceDir) return evidenceDir;
  const dir = tempDir();
  for (let f = 0; f < FILES; f++) {
    const records = Array.from({ length: PER_FILE }, (_, i) => ({
      eventVersion: '1.09', eventTime: `2024-03-0${1 + (f % 9)}T12:${String(i % 60).padStart(2, '0')}:00Z`, eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances', eventID: `${f}-${i}`, userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/u${i % 7}` },
    }));
    writeFileSync(join(dir, `111122223333_CloudTrail_us-east-1_2024030${1 + (f % 9)}T1200Z_${String(f).padStart(4, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  const vpc = ['version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status'];
  for (let i = 0; i < VPC_LINES; i++) vpc.push(`2 123456789010 eni-1235b8ca123456789 10.0.${i % 200}.${i % 250} 172.31.16.21 ${1024 + (i % 60000)} 22 6 20 4249 1418530010 1418530070 ACCEPT OK`);
  writeFileSync(join(dir, 'flow.log'), vpc.join('\n') + '\n');
  return (evidenceDir = dir);
}
const RECORDS = FILES * PER_FILE + VPC_LINES;

const sqlite = (caseDir: string) => new Database(join(caseDir, 'case.sqlite'), { readonly: true, fileMustExist: true });
function importedFiles(caseDir: string): number {
  try {
    const db = sqlite(caseDir);
    try { return (db.prepare("SELECT count(*) AS n FROM evidence WHERE status = 'imported'").get() as { n: number }).n; } finally { db.close(); }
  } catch { return -1; }
}
const walBytes = (caseDir: string): number => { try { return statSync(join(caseDir, 'evidence.duckdb.wal')).size; } catch { return 0; } };
const cli = (...argv: string[]) => spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', timeout: 300_000 });

type Moment = 'staging' | 'inserting' | 'checkpoint';
/** Starts an import and kills it at the moment asked, a seeded number of milliseconds into it. */
async function killImport(caseDir: string, moment: Moment, r: () => number): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'import', '--case', caseDir, '--name', 'k', '--examiner', 't', '--quiet', '--batch-mb', '2', evidence()], { stdio: 'ignore' });
  const exited = new Promise((res) => child.once('exit', res));
  const after = Math.floor(r() * 4); // committed files to wait for
  let seen = '';
  for (let i = 0; i < 2400 && child.exitCode === null; i++) {
    await sleep(5);
    const done = importedFiles(caseDir);
    if (moment === 'staging' && done === 0) { await sleep(Math.floor(r() * 200)); seen = 'before the first commit'; break; }
    if (moment === 'inserting' && done >= after) { const ms = Math.floor(r() * 150); await sleep(ms); seen = `${done} files committed, then ${ms} ms`; break; }
    // The evidence db checkpoints right after each commit: a large WAL is a commit whose checkpoint runs now.
    if (moment === 'checkpoint' && done >= after && walBytes(caseDir) > 256 * 1024) { seen = `WAL ${walBytes(caseDir)} bytes after ${done} files`; break; }
  }
  child.kill('SIGKILL');
  await exited;
  return seen || `the import ended first (exit ${child.exitCode})`;
}

/** What must hold after any kill. */
function checkCase(caseDir: string, label: string): void {
  const db = sqlite(caseDir);
  try { assert.equal((db.pragma('integrity_check', { simple: true }) as string), 'ok', `${label}: case.sqlite integrity`); } finally { db.close(); }
  const v = cli('verify', '--case', caseDir);
  assert.equal(v.status, 0, `${label}: cairn verify: ${v.stdout}${v.stderr}`);
}

function reimportExact(caseDir: string, label: string): void {
  const again = cli('import', '--case', caseDir, '--quiet', evidence());
  assert.equal(again.status, 0, `${label}: re-import: ${again.stdout}${again.stderr}`);
  const q = cli('query', '--case', caseDir, '--format', 'json',
    'SELECT (SELECT count(*) FROM cloudtrail) + (SELECT count(*) FROM vpc_flow_logs) AS n, (SELECT count(DISTINCT eventid) FROM cloudtrail) AS ids');
  assert.equal(q.status, 0, q.stderr);
  const row = (JSON.parse(q.stdout) as Array<Record<string, unknown>>)[0]!;
  assert.deepEqual([Number(row.n), Number(row.ids)], [RECORDS, FILES * PER_FILE], `${label}: every record once`);
  checkCase(caseDir, `${label}, after the re-import`);
}

const points = Number(process.env.CAIRN_KILL_POINTS ?? (FULL ? 50 : 3));
const moments: Moment[] = ['checkpoint', 'inserting', 'staging'];
const baseSeed = process.env.CAIRN_KILL_SEED ? Number(process.env.CAIRN_KILL_SEED) : 2812;

test(`kill -9 during import at ${points} seeded points: the case opens, verifies and re-imports exactly`, async () => {
  const count = process.env.CAIRN_KILL_SEED ? 1 : points;
  for (let k = 0; k < count; k++) {
    const seed = baseSeed + k;
    const moment = moments[k % moments.length]!;
    const caseDir = join(tempDir(), 'case');
    const where = await killImport(caseDir, moment, rng(seed));
    const label = `seed ${seed} (${moment}: ${where}; replay CAIRN_KILL_SEED=${seed})`;
    console.log(`# kill -9 ${label}`);
    if (!existsSync(join(caseDir, 'case.sqlite'))) continue; // killed before the case existed: nothing to check
    checkCase(caseDir, label);
    reimportExact(caseDir, label);
  }
});

test('kill -9 during report export: the case verifies, a report is whole (its sidecar matches) or absent', async () => {
  const caseDir = join(tempDir(), 'case');
  const first = cli('import', '--case', caseDir, '--name', 'k', '--examiner', 't', '--quiet', evidence());
  assert.equal(first.status, 0, first.stderr);
  const add = cli('finding', 'add', '--case', caseDir, '--title', 'Describe storm', '--severity', 'low', '--sql', 'SELECT eventtime, eventname, _evidence_id, _ordinal FROM cloudtrail LIMIT 2000');
  assert.equal(add.status, 0, add.stderr);
  const r = rng(baseSeed);
  const rounds = FULL ? 12 : 3;
  for (let k = 0; k < rounds; k++) {
    const ext = ['html', 'pdf', 'json', 'md'][k % 4]!;
    const out = join(tempDir(), `report.${ext}`);
    const child = spawn(process.execPath, [CLI, 'report', '--case', caseDir, '--out', out], { stdio: 'ignore' });
    const exited = new Promise((res) => child.once('exit', res));
    await sleep(200 + Math.floor(r() * (ext === 'pdf' ? 1500 : 600)));
    child.kill('SIGKILL');
    await exited;
    const label = `report ${ext}, round ${k}`;
    checkCase(caseDir, label);
    if (existsSync(out)) {
      const sidecar = `${out}.sha256`;
      assert.ok(existsSync(sidecar), `${label}: a report without its sidecar`);
      assert.equal(readFileSync(sidecar, 'utf8').split(' ')[0], createHash('sha256').update(readFileSync(out)).digest('hex'), `${label}: sidecar`);
    }
    // Nothing half-written is left under a report's name; a partial file may remain beside it, named so.
    // The manifest CSV is moved into place just before its report, so it may stand alone after a kill.
    for (const f of readdirSync(join(out, '..'))) assert.match(f, /^report\.\w+(\.sha256|\.sig|\.partial-\d+|\.html|\.manifest\.csv(\.partial-\d+)?)?$/, `${label}: ${f}`);
    if (existsSync(out)) assert.ok(existsSync(`${out}.manifest.csv`), `${label}: a report without its manifest CSV`);
  }
});
