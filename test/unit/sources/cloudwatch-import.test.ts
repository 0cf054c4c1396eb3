// CloudWatch Logs end to end: the export-to-S3 sample (gzip, multi-line messages), the two Lambda
// subscription envelopes (START/END/REPORT parsed), Firehose-style concatenated envelopes, and bad input.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('the export sample: 166 lines are 163 events, one of them four lines long', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'cloudwatch_export', '000000.gz')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.status, f?.recordsRead, f?.imported, f?.rejected], ['cloudwatch', 'imported', 163, 163, 0]);
  assert.match(f!.reason!, /^CloudWatch Logs export: lines start with an ISO-8601 time \(2021-07-10T20:27:23\.000Z\)/);
  const multi = await rowsOf(c, "SELECT _ordinal, CAST(event_ts AS VARCHAR) AS ts, message FROM cloudwatch_logs WHERE message LIKE 'Log file created%'");
  assert.deepEqual(multi, [{ _ordinal: 162n, ts: '2021-07-10 20:28:31.031',
    message: 'Log file created at: 2021/07/10 20:27:23\nRunning on machine: ip-10-0-55-213\nBinary: Built with gc go1.15.8 for linux/amd64\nLog line format: [IWEF]mmdd hh:mm:ss.uuuuuu threadid file:line] msg' }]);
  assert.deepEqual((await rowsOf(c, 'SELECT max(_ordinal) AS m FROM cloudwatch_logs'))[0], { m: 166n });
});

test('Lambda envelopes: group, stream and the REPORT numbers; concatenated and gzip envelopes read too', async () => {
  const c = await newCase();
  const dir = tempDir();
  const a = readFileSync(join(SAMPLES, 'cloudwatch_lambda', 'cloudwatch_log_coldstart.json'));
  const b = readFileSync(join(SAMPLES, 'cloudwatch_lambda', 'cloudwatch_log_timeout.json'));
  const control = Buffer.from('{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1591284559000,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}');
  writeFileSync(join(dir, 'firehose-delivery.gz'), gzipSync(Buffer.concat([JSON.stringify(JSON.parse(a.toString())), control, JSON.stringify(JSON.parse(b.toString()))].map((x) => Buffer.from(x)))));
  const s = await importEvidence(c, [join(SAMPLES, 'cloudwatch_lambda', 'cloudwatch_log_timeout.json'), dir]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  assert.deepEqual([by.get('cloudwatch_log_timeout.json')?.format, by.get('cloudwatch_log_timeout.json')?.imported], ['cloudwatch', 4]);
  assert.match(by.get('cloudwatch_log_timeout.json')!.reason!, /^CloudWatch Logs subscription envelope: a JSON document/);
  const fh = by.get('firehose-delivery.gz')!;
  assert.deepEqual([fh.format, fh.recordsRead, fh.imported, fh.rejected], ['cloudwatch', 7, 7, 0]); // the control message is no log event
  const report = await rowsOf(c, `SELECT log_group, log_stream, owner, event_id, request_id, duration_ms, billed_duration_ms, memory_size_mb, max_memory_used_mb,
      init_duration_ms, CAST(event_ts AS VARCHAR) AS ts FROM cloudwatch_logs WHERE lambda_event = 'REPORT' AND _evidence_id = ${by.get('cloudwatch_log_timeout.json')!.evidenceId}`);
  assert.deepEqual(report, [{ log_group: '/aws/lambda/integration-tests-dev-cache_test_lambda', log_stream: '2020/06/09/[$LATEST]b249865adaaf4fad80f95f8ad09725b8',
    owner: '601427279990', event_id: report[0]!.event_id, request_id: '7c9567b5-107b-4a6c-8798-0157ac21db52', duration_ms: 3003.16, billed_duration_ms: 3000,
    memory_size_mb: 128, max_memory_used_mb: 48, init_duration_ms: 127.02, ts: '2020-06-09 15:02:26.151' }]);
  assert.equal(typeof report[0]!.event_id, 'string');
});

test('an exported Lambda log with a multi-line traceback; a file starting mid-message only when chosen, the orphan rejected', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(FIXTURES, 'cloudwatch', 'lambda-export.txt'), join(FIXTURES, 'cloudwatch', 'orphans.txt')]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  assert.deepEqual([by.get('lambda-export.txt')?.recordsRead, by.get('lambda-export.txt')?.imported], [4, 4]);
  assert.equal(by.get('orphans.txt')?.status, 'needs_decision');
  const rows = await rowsOf(c, "SELECT _ordinal, lambda_event, duration_ms, max_memory_used_mb, message LIKE 'Traceback%KeyError: secret' AS tb FROM cloudwatch_logs ORDER BY _ordinal");
  assert.deepEqual(rows.map((r) => [r._ordinal, r.lambda_event, r.duration_ms, r.max_memory_used_mb, r.tb]),
    [[1n, 'START', null, null, false], [2n, null, null, null, true], [5n, 'END', null, null, false], [6n, 'REPORT', 12.5, 81, false]]);
  const again = await importEvidence(c, [join(FIXTURES, 'cloudwatch', 'orphans.txt')], { as: 'cloudwatch' });
  const [f] = again.files;
  assert.deepEqual([f?.status, f?.recordsRead, f?.imported, f?.rejected], ['imported_with_rejects', 4, 2, 2]);
  const rejects = await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, CAST(byte_offset AS INTEGER) AS off, reason FROM cairn_rejects ORDER BY line');
  assert.deepEqual(rejects, [
    { line: 1, off: 0, reason: 'no ISO-8601 time at the start of the line, and no event before it to continue' },
    { line: 3, off: 61, reason: 'not valid UTF-8' },
  ]);
});
