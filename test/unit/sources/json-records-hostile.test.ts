// Every JSON-record source and the CloudWatch export reader, fed hostile records (json-hostile-corpus.ts):
// the rows (every column) and the rejects (ordinal, line, byte offset, reason, raw) must be what the code
// before decision 0019 produced, captured in test/fixtures/json-records-hostile/expected.json. To capture
// anew (only from code known to be right): CAIRN_CAPTURE_HOSTILE_JSON=1 node --test <this file>.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { quoteIdent } from '../../../electron/core/duck/evidence-db';
import { newCase } from '../../helpers/case';
import { hostileFiles } from '../../helpers/json-hostile-corpus';
import { FIXTURES, tempDir } from '../../helpers/temp';

const EXPECTED = join(FIXTURES, 'json-records-hostile', 'expected.json');
const capture = process.env.CAIRN_CAPTURE_HOSTILE_JSON === '1';

/** Long strings as their length and digest, so the expectations stay readable. */
function short(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 200 ? `<${v.length} chars, sha256 ${createHash('sha256').update(v).digest('hex').slice(0, 16)}>` : v;
  if (Array.isArray(v)) return v.map(short);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, short(x)]));
  return v;
}

async function outcome(file: ReturnType<typeof hostileFiles>[number]): Promise<unknown> {
  const c = await newCase();
  const dir = tempDir();
  const path = join(dir, file.file);
  writeFileSync(path, file.content);
  const s = await importEvidence(c, [path], { as: file.as });
  const [f] = s.files;
  const conn = c.forImport().conn;
  const rows = (await conn.runAndReadAll(`SELECT * EXCLUDE (_evidence_id) FROM ${quoteIdent(file.table)} ORDER BY _ordinal`)).getRowObjectsJson();
  const rejects = (await conn.runAndReadAll('SELECT ordinal, line, byte_offset, reason, raw_length, raw FROM cairn_rejects ORDER BY ordinal')).getRowObjectsJson();
  return short({ file: { format: f?.format, status: f?.status, recordsRead: f?.recordsRead, imported: f?.imported, rejected: f?.rejected, reason: f?.reason ?? null, unknownKeys: f?.unknownKeys ?? null }, rows, rejects });
}

/** One row or reject per line, so a change shows as the lines it touches. */
function asLines(all: Record<string, unknown>): string {
  const list = (xs: unknown[]): string => `[\n${xs.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n   ]`;
  return `{\n${Object.entries(all).map(([name, v]) => {
    const o = v as { file: unknown; rows: unknown[]; rejects: unknown[] };
    return ` ${JSON.stringify(name)}: {\n   "file": ${JSON.stringify(o.file)},\n   "rows": ${list(o.rows)},\n   "rejects": ${list(o.rejects)}\n }`;
  }).join(',\n')}\n}\n`;
}

const expected = capture ? {} : JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, unknown>;
const captured: Record<string, unknown> = {};

for (const file of hostileFiles()) {
  test(`hostile ${file.name}: rows and rejects as before decision 0019`, async () => {
    const got = await outcome(file);
    if (capture) { captured[file.name] = got; writeFileSync(EXPECTED, asLines(captured)); return; }
    assert.deepEqual(got, expected[file.name]);
  });
}

test('a record holding the text \\x1f (an escape an attacker puts in a URI) is a record like any other, not a broken file', async () => {
  // The copy was read with delim '\x1f', four characters to DuckDB: such a record split in two and failed the file (decision 0019).
  const c = await newCase();
  const path = join(tempDir(), 'resolver.log');
  const rec = (name: string): string => JSON.stringify({ query_name: name, query_timestamp: '2024-03-05T10:00:00Z', srcaddr: '10.0.0.1', rcode: 'NOERROR' });
  writeFileSync(path, `${rec('a.example.')}\n${rec('\\x1f.\\x1f\\x1f.example.')}\n`);
  const [f] = (await importEvidence(c, [path], { as: 'r53-resolver' })).files;
  assert.deepEqual([f?.status, f?.imported, f?.rejected], ['imported', 2, 0]);
  const rows = (await c.forImport().conn.runAndReadAll('SELECT query_name FROM r53_rlogs ORDER BY _ordinal')).getRowsJS();
  assert.deepEqual(rows, [['a.example.'], ['\\x1f.\\x1f\\x1f.example.']]);
});

test('a GuardDuty finding holding a lone surrogate (JSON to Node, not to DuckDB) is rejected alone, not the whole file failed', async () => {
  // Before decision 0019 a computed column read the record's text even when it was not JSON to DuckDB, and failed the file.
  const c = await newCase();
  const path = join(tempDir(), 'findings.jsonl');
  const finding = (id: string, extra = ''): string => `{"schemaVersion":"2.0","accountId":"111122223333","region":"us-east-1","id":"${id}","arn":"arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/${id}","type":"Recon:EC2/Portscan","updatedAt":"2024-03-05T10:00:00Z","severity":5${extra}}`;
  writeFileSync(path, `${finding('a')}\n${finding('b', ',"title":"\\ud800"')}\n${finding('c')}\n`);
  const [f] = (await importEvidence(c, [path], { as: 'guardduty' })).files;
  assert.deepEqual([f?.status, f?.recordsRead, f?.imported, f?.rejected], ['imported_with_rejects', 3, 2, 1]);
  const rejects = (await c.forImport().conn.runAndReadAll('SELECT ordinal, reason FROM cairn_rejects')).getRowsJS();
  assert.deepEqual(rejects, [[2n, 'not valid JSON']]);
});
