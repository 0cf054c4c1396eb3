// AWS Config end to end (no redistributable real sample exists: the fixtures follow the shapes of the AWS
// Config developer guide, written here): a history file, a change notification, and bad items.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, tempDir } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
const HISTORY = '111122223333_Config_us-east-1_ConfigHistory_AWS__S3__Bucket_20240305T120005Z_20240305T122000Z_1.json';

test('a history file (gzip) is one row per item; a change notification is its one item; JSON parts kept as JSON', async () => {
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, `${HISTORY}.gz`), gzipSync(readFileSync(join(FIXTURES, 'config', HISTORY))));
  const s = await importEvidence(c, [dir, join(FIXTURES, 'config', 'change-notification.json')]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  const h = by.get(`${HISTORY}.gz`)!;
  assert.deepEqual([h.format, h.status, h.recordsRead, h.imported, h.rejected], ['config', 'imported', 3, 3, 0]);
  assert.match(h.reason!, /^AWS Config history or snapshot file: a JSON document with the keys configurationItems/);
  const n = by.get('change-notification.json')!;
  assert.deepEqual([n.format, n.imported], ['config', 1]);
  assert.match(n.reason!, /^AWS Config change notification/);
  const rows = await rowsOf(c, `SELECT _ordinal, resourcetype, resourceid, configurationitemstatus, configurationstateid, CAST(capture_ts AS VARCHAR) AS ts,
      supplementaryconfiguration->>'$.BucketPolicy.policyText' AS policy, relationships->>'$[0].resourceId' AS related, json_extract(configuration, '$.ipPermissions[0].ipRanges[0]')::VARCHAR AS range
    FROM config_items WHERE _evidence_id = ${h.evidenceId} ORDER BY _ordinal`);
  assert.equal(rows.length, 3);
  assert.match(String(rows[0]?.policy), /"Principal":"\*"/);
  assert.deepEqual([rows[0]?.resourcetype, rows[0]?.ts, rows[0]?.configurationstateid], ['AWS::S3::Bucket', '2024-03-05 12:00:05', 1709632800000n]);
  assert.deepEqual([rows[1]?.related, rows[1]?.range], ['vpc-0hunt', '"0.0.0.0/0"']);
  assert.equal(rows[2]?.configurationitemstatus, 'ResourceDeleted');
});

test('bad items in a compact history file: each rejected with its place and reason, the good one kept', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(FIXTURES, 'config', 'bad-items.json')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.recordsRead, f?.imported, f?.rejected], ['config', 4, 1, 3]);
  const rejects = await rowsOf(c, 'SELECT CAST(ordinal AS INTEGER) AS n, line, reason FROM cairn_rejects ORDER BY ordinal');
  assert.deepEqual(rejects, [
    { n: 2, line: null, reason: 'not a JSON object' },
    { n: 3, line: null, reason: 'missing key resourceType' },
    { n: 4, line: null, reason: 'configurationStateId: not an integer ("many")' },
  ]);
});

test('a history file of 140,000 items (more than a spread of arguments takes) is one row per item', async () => {
  const c = await newCase();
  const dir = tempDir();
  const n = 140_000;
  const items = Array.from({ length: n }, (_, i) => `{"resourceType":"AWS::S3::Bucket","resourceId":"b${i}","configurationItemCaptureTime":"2024-03-05T12:00:00.000Z"}`);
  writeFileSync(join(dir, HISTORY), `{"fileVersion":"1.0","configurationItems":[${items.join(',')}]}`);
  const s = await importEvidence(c, [dir]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.imported, f?.rejected], ['config', 'imported', n, 0], f?.reason ?? '');
  const [row] = await rowsOf(c, 'SELECT count(DISTINCT resourceid) AS ids, max(_ordinal) AS last FROM config_items');
  assert.deepEqual([Number(row!.ids), Number(row!.last)], [n, n]);
});

test('one-line history documents: alone, then two in one file, then one with text after it (each item counted once)', async () => {
  const c = await newCase();
  const dir = tempDir();
  const doc = (ids: string[]): string => `{"fileVersion":"1.0","configurationItems":[${ids.map((id) => `{"resourceType":"AWS::S3::Bucket","resourceId":"${id}","configurationItemCaptureTime":"2024-03-05T12:00:00.000Z"}`).join(',')}]}`;
  const files = { alone: `${doc(['a1', 'a2'])} \r\n\n`, two: `${doc(['b1'])}\n${doc(['b2', 'b3'])}\n`, tail: `${doc(['c1'])}\nnot json\n` };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}-${HISTORY}`), text);
  const s = await importEvidence(c, [dir]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop()!.split('-')[0], f]));
  assert.deepEqual([by.get('alone')?.status, by.get('alone')?.imported], ['imported', 2]);
  assert.deepEqual([by.get('two')?.status, by.get('two')?.imported], ['imported', 3]);
  assert.equal(by.get('tail')?.status, 'failed');
  assert.match(by.get('tail')!.reason!, /line 2 of wrapper documents is not valid JSON/);
  const ids = await rowsOf(c, 'SELECT resourceid FROM config_items ORDER BY resourceid');
  assert.deepEqual(ids.map((r) => r.resourceid), ['a1', 'a2', 'b1', 'b2', 'b3']);
});
