// The coverage and gap ledger (#26): per source, account, region and hour; gaps inside a stream's window and
// hours a CloudTrail digest says had no log files; logging turned off or reduced, linked to the event.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { cellQuery, COVERAGE_SPECS } from '../../../shared/coverage';
import { runCli } from '../../helpers/cli';
import { ACCOUNT, coverageEvidence } from '../../helpers/coverage-evidence';
import { TrailFactory, writeEvidence } from '../../helpers/cloudtrail-digests';
import { newCase } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';
import { importEvidence } from '../../../electron/core/import/import-service';

test('streams, gaps and logging windows of a small world, each window linked to its event', async () => {
  const ev = tempDir('cairn-evidence-');
  coverageEvidence(ev);
  const c = await newCase();
  await importEvidence(c, [ev]);
  const l = await c.coverage();

  const ct = l.streams.find((s) => s.source === 'cloudtrail')!;
  assert.deepEqual({ ...ct }, { source: 'cloudtrail', account: ACCOUNT, region: 'us-east-1', firstHour: '2024-05-02T00:00:00Z', lastHour: '2024-05-02T04:00:00Z',
    hours: 5, hoursWithEvents: 3, gapHours: 2, events: 7, files: 2, first: '2024-05-02T00:05:00Z', last: '2024-05-02T04:30:00Z', undated: 0 });
  const flow = l.streams.find((s) => s.source === 'vpcflow')!;
  assert.deepEqual([flow.events, flow.hoursWithEvents, flow.gapHours], [2, 2, 1]);
  assert.deepEqual(l.gaps.map((g) => [g.source, g.from, g.to, g.hours, g.reason]), [
    ['cloudtrail', '2024-05-02T02:00:00Z', '2024-05-02T04:00:00Z', 2, 'no-events'],
    ['vpcflow', '2024-05-02T01:00:00Z', '2024-05-02T02:00:00Z', 1, 'no-events'],
  ]);
  assert.equal(l.cells.reduce((n, x) => n + x.events, 0), 9, 'every row is in some hour');

  // StopLogging by name, StartLogging by ARN: the same trail, so the window closes.
  const off = l.windows.find((w) => w.kind === 'off')!;
  assert.deepEqual([off.target, off.from, off.to, off.start.eventName, off.end?.eventName], ['main-trail', '2024-05-02T01:10:00Z', '2024-05-02T04:05:00Z', 'StopLogging', 'StartLogging']);
  const stop = await c.queries.run(`SELECT eventname FROM cloudtrail WHERE _evidence_id = ${off.start.evidenceId} AND _ordinal = ${off.start.ordinal}`);
  assert.deepEqual(stop.rows, [['StopLogging']], 'the window links to the exact record that shows it');
  const reduced = l.windows.find((w) => w.kind === 'reduced')!;
  assert.deepEqual([reduced.start.eventName, reduced.to], ['PutEventSelectors', null]);
  // A failed DeleteTrail changed nothing: listed, but no window.
  assert.deepEqual(l.changes.filter((x) => x.errorCode).map((x) => [x.eventName, x.errorCode]), [['DeleteTrail', 'AccessDenied']]);
  assert.equal(l.windows.length, 2);
});

test('each cell\'s query (what the heatmap runs on a click) returns exactly the events the cell counts', async () => {
  const ev = tempDir('cairn-evidence-');
  coverageEvidence(ev);
  const c = await newCase();
  await importEvidence(c, [ev]);
  const l = await c.coverage();
  assert.ok(l.cells.length >= 5);
  for (const cell of l.cells) {
    const spec = COVERAGE_SPECS.find((s) => s.source === cell.source)!;
    const page = await c.queries.run(cellQuery(spec, cell.account, cell.region, cell.hour), { pageSize: 1000 });
    assert.equal(page.rowCount, cell.events, `${cell.source} ${cell.hour}`);
  }
  // Hostile account text stays a string literal.
  assert.match(cellQuery(COVERAGE_SPECS[0]!, "1' OR '1'='1", 'x', '2024-05-02T00:00:00Z'), /= '1'' OR ''1''=''1'/);
});

test('hours a CloudTrail digest says had no log files are gaps, linked to that digest', async () => {
  const f = new TrailFactory();
  const l1 = f.log('us-west-2', new Date('2024-05-02T06:40:00Z'));
  const l3 = f.log('us-west-2', new Date('2024-05-02T09:05:00Z'));
  const d1 = f.digest('us-west-2', new Date('2024-05-02T07:10:00Z'), [l1], { start: true });
  const d2 = f.digest('us-west-2', new Date('2024-05-02T08:10:00Z'), []); // nothing delivered 07:10-08:10
  const d3 = f.digest('us-west-2', new Date('2024-05-02T09:10:00Z'), [l3]);
  const ev = writeEvidence(tempDir('cairn-evidence-'), [l1, l3, d1, d2, d3]);
  const c = await newCase();
  await importEvidence(c, [ev]);
  const l = await c.coverage();
  const digestGaps = l.gaps.filter((g) => g.reason === 'digest-empty');
  const d2Id = c.manifest.evidence().find((e) => e.relPath.endsWith(d2.relPath.split('/').pop()!))!.id;
  assert.deepEqual(digestGaps.map((g) => [g.account, g.region, g.from, g.evidenceId]), [
    [f.account, 'us-west-2', '2024-05-02T07:00:00Z', d2Id], [f.account, 'us-west-2', '2024-05-02T08:00:00Z', d2Id],
  ]);
});

test('cairn coverage prints the ledger as a table, CSV hour by hour, or JSON', async () => {
  const ev = tempDir('cairn-evidence-');
  coverageEvidence(ev);
  const caseDir = join(tempDir(), 'case');
  assert.equal((await runCli(['import', '--case', caseDir, '--quiet', ev])).code, 0);
  const table = await runCli(['coverage', '--case', caseDir]);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /StopLogging\s+#1 record 4/);
  const csv = await runCli(['coverage', '--case', caseDir, '--format', 'csv']);
  const lines = csv.out.trim().split('\r\n');
  assert.equal(lines[0], 'source,account,region,hour,status,events,files,first_event,last_event');
  assert.deepEqual(lines.filter((x) => x.startsWith('cloudtrail')).map((x) => x.split(',').slice(3, 6).join(' ')), [
    '2024-05-02T00:00:00Z events 2', '2024-05-02T01:00:00Z events 2', '2024-05-02T02:00:00Z gap 0', '2024-05-02T03:00:00Z gap 0', '2024-05-02T04:00:00Z events 3',
  ]);
  const json = JSON.parse((await runCli(['coverage', '--case', caseDir, '--format', 'json'])).out) as { streams: unknown[]; windows: unknown[] };
  assert.deepEqual([json.streams.length, json.windows.length], [2, 2]);
  assert.equal((await runCli(['coverage', '--case', caseDir, '--format', 'xml'])).code, 2);
});
