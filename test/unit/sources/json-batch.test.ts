// A batch's JSON-record files are inserted by one statement (decision 0026): each file must come out exactly as
// it does when imported alone (rows, every column; rejects with line, offset, reason; counts), whatever the
// other files in the statement hold: JSON lines with bad records, a pretty-printed document, an array, a file
// that is not JSON at all.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { gunzipSync } from 'node:zlib';
import { cloudWatchSource } from '../../../electron/core/sources/cloudwatch';
import { guardDutySource } from '../../../electron/core/sources/guardduty';
import { r53ResolverSource } from '../../../electron/core/sources/r53-resolver';
import type { FileImportResult, ImportContext, LogSource, StagedFile } from '../../../electron/core/sources/source';
import { wafSource } from '../../../electron/core/sources/waf';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

async function rowsOf(conn: DuckDBConnection, table: string, r: FileImportResult): Promise<{ result: unknown; rows: string[]; rejects: string[] }> {
  const read = async (sql: string): Promise<string[]> => (await conn.runAndReadAll(sql)).getRowObjectsJS()
    .map((row) => JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  return {
    result: { recordsRead: r.recordsRead, imported: r.imported, rejected: r.rejected, error: r.error },
    rows: await read(`SELECT COLUMNS(* EXCLUDE (_evidence_id))::VARCHAR FROM ${table} WHERE _evidence_id = ${r.evidenceId} ORDER BY _ordinal`),
    rejects: await read(`SELECT source, ordinal, line, byte_offset, reason, raw FROM cairn_rejects WHERE evidence_id = ${r.evidenceId} ORDER BY ordinal`),
  };
}

async function batchAgainstAlone(source: LogSource, table: string, texts: string[]): Promise<FileImportResult[]> {
  const c = await newCase();
  const { conn, tmpDir } = c.forImport();
  await source.ensureSchema(conn);
  const dir = tempDir();
  const ctx: ImportContext = { conn, signal: new AbortController().signal, tmpDir, progress: () => undefined, existingTables: async () => new Set<string>() };
  const staged = (id: number, text: string): StagedFile => {
    const path = join(dir, `${id}.log`);
    writeFileSync(path, text);
    return { evidenceId: id, stagedPath: path, originalPath: path, relPath: `${id}.log`, size: Buffer.byteLength(text), detection: { format: source.id, confidence: 1, importable: true } };
  };
  const together = await source.importBatch(ctx, texts.map((t, i) => staged(i + 1, t)));
  const alone: FileImportResult[] = [];
  for (const [i, t] of texts.entries()) alone.push(...await source.importBatch(ctx, [staged(101 + i, t)]));
  assert.deepEqual(together.map((r) => r.evidenceId), texts.map((_, i) => i + 1), 'one result per file, in order');
  for (const [i, r] of together.entries()) {
    const a = await rowsOf(conn, table, r);
    const b = await rowsOf(conn, table, alone[i]!);
    assert.deepEqual(a.result, b.result, `file ${i + 1}: counts`);
    assert.deepEqual(a.rows, b.rows, `file ${i + 1}: rows`);
    assert.deepEqual(a.rejects, b.rejects, `file ${i + 1}: rejects`);
  }
  await c.close();
  return together;
}

test('Resolver files in one statement: JSON lines with bad records, a document, an array and a non-JSON file each as alone', async () => {
  const mixed = readFileSync(join(FIXTURES, 'route53', 'resolver-mixed.log'), 'utf8');
  const doc = readFileSync(join(SAMPLES, 'route53_resolver', 'aws-docs-example_resolver-query-log.json'), 'utf8');
  const firstGood = mixed.split('\n').find((l) => l.includes('"query_name"') && !l.includes('not json'))!;
  const rs = await batchAgainstAlone(r53ResolverSource, 'r53_rlogs', [
    mixed, doc, `[${firstGood}, 42, ${firstGood.replace('"NOERROR"', '"NXDOMAIN"')}]`, 'not json at all\n', `${firstGood}\n\n${firstGood}\n`, mixed.replace(/\n/g, '\r\n'),
  ]);
  assert.ok(rs.some((r) => r.error) && rs.some((r) => r.rejected > 0) && rs.filter((r) => r.imported > 0).length >= 4, JSON.stringify(rs));
});

test('WAF files (with _raw) in one statement: each as alone', async () => {
  const multi = readFileSync(join(SAMPLES, 'waf', 'valid_log_multi.json'), 'utf8');
  const lines = multi.split('\n').filter((l) => l.trim().length > 0);
  const rs = await batchAgainstAlone(wafSource, 'waf_logs', [
    multi, lines.slice(0, 2).join('\n'), `${lines[0]!.replace('"action"', '"action_"')}\n${lines[1]}\n{"broken": \n`, lines.reverse().join('\n') + '\n',
  ]);
  assert.ok(rs.some((r) => r.rejected > 0) && rs.every((r) => r.imported > 0), JSON.stringify(rs));
});

test('CloudWatch exports and envelopes in one batch (direct copies read together): each as alone', async () => {
  const exported = gunzipSync(readFileSync(join(SAMPLES, 'cloudwatch_export', '000000.gz'))).toString('utf8');
  const rs = await batchAgainstAlone(cloudWatchSource, 'cloudwatch_logs', [
    readFileSync(join(FIXTURES, 'cloudwatch', 'lambda-export.txt'), 'utf8'),
    readFileSync(join(SAMPLES, 'cloudwatch_lambda', 'cloudwatch_log_timeout.json'), 'utf8'),
    exported,
    readFileSync(join(FIXTURES, 'cloudwatch', 'orphans.txt'), 'utf8'),
    readFileSync(join(SAMPLES, 'cloudwatch_lambda', 'cloudwatch_log_coldstart.json'), 'utf8'),
    exported.split('\n').reverse().join('\n'),
  ]);
  assert.ok(rs.filter((r) => r.imported > 0).length >= 5, JSON.stringify(rs));
});

test('GuardDuty files in one batch, some read as written and some sent the document way (decision 0024): each as alone', async () => {
  const dir = join(FIXTURES, 'guardduty');
  const plain = readFileSync(join(dir, 'export-findings.jsonl'), 'utf8');
  const rs = await batchAgainstAlone(guardDutySource, 'guardduty_findings', [
    plain, readFileSync(join(dir, 'bad-findings.jsonl'), 'utf8'), plain.split('\n').filter(Boolean).reverse().join('\n'), `[${plain.split('\n').filter(Boolean).join(',')}]`,
  ]);
  assert.ok(rs.every((r) => r.imported > 0), JSON.stringify(rs));
});
