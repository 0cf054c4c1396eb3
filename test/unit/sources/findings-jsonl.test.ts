// Findings as JSON lines read by DuckDB as they stream (decision 0024): for every findings fixture and every
// file that mixes plain findings with lines the document way must judge, the lines way gives exactly the rows
// (every column), rejects (ordinal, line, byte offset, reason, raw) and counts of the document way, which
// reads the file whole in Node; and a JSON-lines file past the 256 MiB a document is read whole imports.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { importEvidence } from '../../../electron/core/import/import-service';
import { quoteIdent, quoteLiteral } from '../../../electron/core/duck/evidence-db';
import { guardDutySource } from '../../../electron/core/sources/guardduty';
import { GUARDDUTY_FORMAT } from '../../../electron/core/sources/guardduty/format';
import { GUARDDUTY_LAYOUT } from '../../../electron/core/sources/guardduty/layout';
import { securityHubSource } from '../../../electron/core/sources/securityhub';
import { SECURITYHUB_FORMAT } from '../../../electron/core/sources/securityhub/format';
import { SECURITYHUB_LAYOUT } from '../../../electron/core/sources/securityhub/layout';
import { importJsonFiles } from '../../../electron/core/sources/json-records/import-json';
import type { RecordsLayout } from '../../../electron/core/sources/json-records/records';
import { findingDocumentRecords, findingRecords, takenAsWritten, type FindingLayout } from '../../../electron/core/sources/security-findings/records';
import type { JsonFormat } from '../../../electron/core/sources/json-records/format';
import type { LogSource } from '../../../electron/core/sources/source';
import { newCase } from '../../helpers/case';
import { FIXTURES, tempDir } from '../../helpers/temp';

interface Kind { id: string; source: LogSource; format: JsonFormat; layout: FindingLayout }
const GD: Kind = { id: 'guardduty', source: guardDutySource, format: GUARDDUTY_FORMAT, layout: GUARDDUTY_LAYOUT };
const SH: Kind = { id: 'securityhub', source: securityHubSource, format: SECURITYHUB_FORMAT, layout: SECURITYHUB_LAYOUT };

type Way = 'lines' | 'document';
/** How the last import read its file: the lines way kept, the lines way given up for the document way, or the document way alone. */
let taken: 'lines' | 'fell back' | 'document' = 'document';

/** The source's import with the findings read one way: `lines` as the source does now, `document` as before decision 0024. */
function readWith(k: Kind, way: Way): LogSource['importBatch'] {
  const records = way === 'document' ? findingDocumentRecords(k.layout) : findingRecords(k.layout);
  return (ctx, files) => importJsonFiles(ctx, files, { format: k.format, raw: true, records: async (staged, copy, size): Promise<RecordsLayout> => {
    const layout = await records(staged, copy, size);
    taken = layout.kind === 'lines' && layout.asWritten ? 'lines' : 'document';
    if (layout.kind === 'lines' && layout.asWritten) {
      const otherwise = layout.asWritten.otherwise;
      layout.asWritten.otherwise = () => { taken = 'fell back'; return otherwise(); };
    }
    return layout;
  } });
}

async function outcome(k: Kind, path: string, way: Way): Promise<{ taken: typeof taken; file: unknown; rows: unknown[]; rejects: unknown[] }> {
  const original = k.source.importBatch;
  k.source.importBatch = readWith(k, way);
  try {
    const c = await newCase();
    const [f] = (await importEvidence(c, [path], { as: k.id })).files;
    const conn = c.forImport().conn;
    const rows = (await conn.runAndReadAll(`SELECT * EXCLUDE (_evidence_id) FROM ${quoteIdent(k.format.table)} ORDER BY _ordinal`)).getRowObjectsJson();
    const rejects = (await conn.runAndReadAll('SELECT ordinal, line, byte_offset, reason, raw_length, raw FROM cairn_rejects ORDER BY ordinal')).getRowObjectsJson();
    const file = { format: f?.format, status: f?.status, recordsRead: f?.recordsRead, imported: f?.imported, rejected: f?.rejected, reason: f?.reason ?? null };
    await c.close();
    return { taken, file, rows, rejects };
  } finally { k.source.importBatch = original; }
}

/** Both ways over one file: the same outcome; returns how the lines way read it. */
async function sameBothWays(k: Kind, path: string): Promise<{ taken: typeof taken; file: unknown }> {
  const doc = await outcome(k, path, 'document');
  const lines = await outcome(k, path, 'lines');
  assert.equal(doc.taken, 'document');
  assert.deepEqual({ file: lines.file, rows: lines.rows, rejects: lines.rejects }, { file: doc.file, rows: doc.rows, rejects: doc.rejects }, path);
  return { taken: lines.taken, file: lines.file };
}

const fixtures = (dir: string): string[] => readdirSync(join(FIXTURES, dir)).filter((n) => /\.jsonl?$/.test(n)).map((n) => join(FIXTURES, dir, n));

test('every findings fixture: the lines way gives the document way\'s rows, rejects and counts; plain JSON lines stay on it', async () => {
  const ways: Record<string, string> = {};
  for (const [k, dir] of [[GD, 'guardduty'], [SH, 'securityhub']] as const) {
    for (const path of fixtures(dir)) ways[`${dir}/${path.split('/').pop()}`] = (await sameBothWays(k, path)).taken;
  }
  assert.deepEqual(ways, {
    'guardduty/aws-cli-example_get-findings.json': 'document', 'guardduty/bad-findings.jsonl': 'fell back',
    'guardduty/eventbridge_guardduty-finding.json': 'document', 'guardduty/export-findings.jsonl': 'lines', 'guardduty/findings-array.json': 'document',
    'securityhub/aws-cli-example_get-findings-critical.json': 'document', 'securityhub/aws-cli-example_get-findings.json': 'document',
    'securityhub/bad-findings.jsonl': 'document', 'securityhub/eventbridge_securityhub-findings-imported.json': 'document', 'securityhub/findings.jsonl': 'lines',
  });
});

const line = (k: Kind, i: number): Record<string, unknown> => {
  const dir = k === GD ? 'guardduty/export-findings.jsonl' : 'securityhub/findings.jsonl';
  const base = JSON.parse(readFileSync(join(FIXTURES, dir), 'utf8').split('\n')[0]!) as Record<string, unknown>;
  return k === GD ? { ...base, id: `gd${i}` } : { ...base, Id: `sh${i}` };
};
const event = (k: Kind): string => k === GD
  ? JSON.stringify({ version: '0', id: 'e1', 'detail-type': 'GuardDuty Finding', source: 'aws.guardduty', detail: line(k, 90) })
  : JSON.stringify({ version: '0', id: 'e1', 'detail-type': 'Security Hub Findings - Imported', source: 'aws.securityhub', detail: { findings: [line(k, 90), line(k, 91)] } });

test('mixed JSON lines (a finding, an EventBridge event, not JSON, a blank line) are read the document way and account exactly', async () => {
  for (const k of [GD, SH]) {
    const path = join(tempDir(), 'mixed.jsonl');
    writeFileSync(path, [JSON.stringify(line(k, 1)), event(k), 'not json {', '', JSON.stringify(line(k, 2))].join('\n') + '\n');
    const { taken: how, file } = await sameBothWays(k, path);
    assert.equal(how, 'fell back');
    // GuardDuty: finding, the event's finding, the bad line, finding. Security Hub: the event holds two findings. The blank line holds none.
    const n = k === GD ? 4 : 5;
    assert.deepEqual(file, { format: k.id, status: 'imported_with_rejects', recordsRead: n, imported: n - 1, rejected: 1, reason: (file as { reason: string }).reason });
    // Every line JSON, the event the only one that is not a finding as written.
    const events = join(tempDir(), 'events.jsonl');
    writeFileSync(events, [JSON.stringify(line(k, 1)), event(k), JSON.stringify(line(k, 2))].join('\n') + '\n');
    const second = await sameBothWays(k, events);
    assert.equal(second.taken, 'fell back');
    assert.deepEqual(second.file, { format: k.id, status: 'imported', recordsRead: n - 1, imported: n - 1, rejected: 0, reason: (second.file as { reason: string }).reason });
  }
});

test('lines DuckDB takes as JSON and JSON.parse does not, or that the document way unwraps or rewrites, send the file the document way', async () => {
  const growing = `{"id":"gd-long","type":"t","updatedAt":"2024-01-01T00:00:00Z","n":[${Array.from({ length: 50_000 }, () => '1e20').join(',')}]}`;
  const cases: [Kind, string, string][] = [
    [GD, 'NaN', JSON.stringify(line(GD, 5)).replace('"severity":', '"severity":NaN,"s2":')],
    [GD, '-Infinity', JSON.stringify(line(GD, 5)).slice(0, -1) + ',"x":[1, -Infinity ]}'],
    [SH, 'inf first in a list', JSON.stringify(line(SH, 5)).slice(0, -1) + ',"x":[ inf ]}'],
    [SH, 'trailing comma', JSON.stringify(line(SH, 5)).slice(0, -1) + ',}'],
    [SH, 'trailing comma in a list', JSON.stringify(line(SH, 5)).slice(0, -1) + ',"x":[1,2,\t]}'],
    [GD, 'a line JSON.stringify writes past 1 MiB', growing],
    [GD, 'a lone surrogate', JSON.stringify(line(GD, 5)).slice(0, -1) + ',"t":"\\ud800"}'],
    [GD, 'PascalCase', JSON.stringify({ Id: 'P1', Type: 'Recon:EC2/Portscan', UpdatedAt: '2024-01-01T00:00:00Z', Severity: 2 })],
    [GD, 'a wrapper on a line', JSON.stringify({ Findings: [line(GD, 6), line(GD, 7)] })],
    [GD, 'an escaped event key', JSON.stringify(line(GD, 5)).slice(0, -1) + ',"\\u0064etail":{},"source":"aws.guardduty"}'],
    [GD, 'findings that are not a list', JSON.stringify({ ...line(GD, 5), findings: 'x' })],
    [SH, 'an event', event(SH)],
    [SH, 'an array', JSON.stringify([line(SH, 6)])],
    [SH, 'a scalar', '42'],
    [SH, 'spaces only', '   '],
    [SH, 'CR inside', JSON.stringify(line(SH, 6)).replace(',', ',\r')],
  ];
  for (const [k, name, odd] of cases) {
    const path = join(tempDir(), 'odd.jsonl');
    writeFileSync(path, [JSON.stringify(line(k, 1)), JSON.stringify(line(k, 2)), odd, JSON.stringify(line(k, 3))].join('\n') + '\n');
    const { taken: how } = await sameBothWays(k, path);
    assert.notEqual(how, 'lines', name);
  }
  // Blank lines, CRLF line ends and a finding DuckDB rejects (no type) are what the lines way reads as the document way would: it keeps them.
  const path = join(tempDir(), 'crlf.jsonl');
  const untyped = JSON.stringify({ ...line(GD, 4), type: undefined });
  writeFileSync(path, `\ufeff${JSON.stringify(line(GD, 1))}\r\n\r\n${JSON.stringify(line(GD, 2))}\r\n\n${untyped}\n${JSON.stringify(line(GD, 3))}`);
  const { taken: how, file } = await sameBothWays(GD, path);
  assert.equal(how, 'lines');
  assert.deepEqual(file, { format: 'guardduty', status: 'imported_with_rejects', recordsRead: 6, imported: 3, rejected: 3, reason: (file as { reason: string }).reason });
});

test('asWrittenSql is never true of an object the document way unwraps or normalises (every combination of the keys it looks at)', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    for (const k of [GD, SH]) {
      const names = ['Findings', 'findings', 'detail', 'detail-type', 'source', 'Id', 'Type', 'AccountId', 'id'];
      const values: unknown[] = [[], 'x', null, {}, 'aws.guardduty'];
      const objects: Record<string, unknown>[] = [line(k, 1)];
      for (let mask = 0; mask < 1 << names.length; mask++) {
        for (const v of values) objects.push(Object.fromEntries(names.filter((_, i) => mask & (1 << i)).map((n) => [n, n === 'detail-type' ? 'GuardDuty Finding' : v])));
      }
      const texts = objects.map((o) => JSON.stringify(o));
      const verdicts = (await conn.runAndReadAll(`SELECT i, coalesce(${k.layout.asWrittenSql}, false) AS ok FROM (SELECT i, json_keys(t) AS keys FROM (SELECT unnest(range(${texts.length})) AS i, unnest(${`[${texts.map(quoteLiteral).join(', ')}]`}) AS t)) ORDER BY i`)).getRowObjects();
      let asWritten = 0;
      for (const { i, ok } of verdicts) {
        const o = objects[Number(i)]!;
        if (ok === true) { asWritten++; assert.ok(takenAsWritten(k.layout, o), `${k.id}: ${JSON.stringify(o)}`); }
      }
      // The check is not trivially false: the plain finding and many key sets pass it.
      assert.equal(verdicts[0]!.ok, true);
      assert.ok(asWritten > 50, String(asWritten));
    }
  } finally { conn.closeSync(); db.closeSync(); }
});

test('a GuardDuty JSON-lines export past 256 MiB imports whole, read the lines way', async () => {
  const dir = tempDir();
  const path = join(dir, 'big.jsonl');
  const base = JSON.stringify(line(GD, 0));
  const target = (256 << 20) + (8 << 20);
  const count = Math.ceil(target / (base.length + 12));
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) chunks.push(base.replace('"id":"gd0"', `"id":"gd${String(i).padStart(9, '0')}"`));
  writeFileSync(path, chunks.join('\n') + '\n');
  chunks.length = 0;
  const c = await newCase();
  taken = 'document';
  const original = GD.source.importBatch;
  GD.source.importBatch = readWith(GD, 'lines');
  try {
    const [f] = (await importEvidence(c, [path], { as: 'guardduty' })).files;
    assert.equal(taken, 'lines');
    assert.deepEqual([f?.status, f?.recordsRead, f?.imported, f?.rejected], ['imported', count, count, 0], f?.reason ?? '');
    const [row] = (await c.forImport().conn.runAndReadAll(`SELECT count(DISTINCT id) AS ids, max(_ordinal) AS last FROM ${quoteIdent(GD.format.table)}`)).getRowObjectsJS();
    assert.deepEqual([Number(row!.ids), Number(row!.last)], [count, count]);
  } finally { GD.source.importBatch = original; await c.close(); rmSync(path, { force: true }); }
});
