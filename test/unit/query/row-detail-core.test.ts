// The core behind row detail and the field summary, on a real case: the whole event from its evidence table,
// surrounding events from the cross-source view, value counts over a result's table, filters that keep exactly
// the counted rows, header paths, IP lookups, and reads that stop at their timeout.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { validateArgs } from '../../../electron/core/api/validate-args';
import { importEvidence } from '../../../electron/core/import/import-service';
import { fieldSummary } from '../../../electron/core/query/field-summary';
import { lookupIps } from '../../../electron/core/query/ip-lookup';
import { surroundingEvents } from '../../../electron/core/query/surrounding-events';
import { wholeEvent } from '../../../electron/core/query/whole-event';
import { filteredSql } from '../../../shared/sql/result-filter';
import { ALICE, BOB, EXTRA_FIELD, EXTRA_VALUE, writeRowDetailTrail } from '../../helpers/row-detail-evidence';
import { tempDir } from '../../helpers/temp';

let c: Case;
before(async () => {
  c = await Case.open(join(tempDir(), 'case'), { create: { name: 'row detail', examiner: 'tester' } });
  await importEvidence(c, [writeRowDetailTrail(join(tempDir(), 'evidence'))]);
});
after(() => c?.close());

const ids = async (sql: string, params?: Record<string, string>): Promise<string[]> => (await c.queries.run(sql, { params })).rows.map((r) => String(r[0]));

test('the whole event: every column of its table and the record as written, by provenance or by event id', async () => {
  const [row] = (await c.queries.run("SELECT _evidence_id, _ordinal FROM cloudtrail WHERE eventid = 'ev-b1'")).rows;
  const e = await wholeEvent(c.queries, c.manifest, { evidenceId: Number(row![0]), ordinal: Number(row![1]) });
  assert.ok(e);
  assert.equal(e.table, 'cloudtrail');
  assert.equal(e.file?.relPath, 'trail.json');
  const raw = JSON.parse(e.raw!) as Record<string, unknown>;
  assert.equal(raw.eventID, 'ev-b1');
  assert.equal(raw[EXTRA_FIELD], EXTRA_VALUE, 'a field outside the schema is in the whole event');
  assert.equal(e.values[e.columns.findIndex((col) => col.name === 'eventname')], 'ConsoleLogin');
  assert.deepEqual({ ...e.spine, eventTime: e.spine?.eventTime?.slice(0, 19) },
    { eventTime: '2024-05-01 10:01:00', source: 'cloudtrail', principal: BOB, sourceIp: '8.8.8.8', action: 's3.amazonaws.com:ConsoleLogin', target: null });
  const byId = await wholeEvent(c.queries, c.manifest, { eventId: 'ev-b1' });
  assert.deepEqual([byId?.evidenceId, byId?.ordinal], [e.evidenceId, e.ordinal]);
  assert.equal(await wholeEvent(c.queries, c.manifest, { eventId: 'no-such-event' }), null);
  assert.equal(await wholeEvent(c.queries, c.manifest, { evidenceId: e.evidenceId, ordinal: 999 }), null);
});

test('surrounding events: the same principal or IP within ± minutes, in time order, bounded', async () => {
  const ev = (r: { rows: unknown[][]; columns: Array<{ name: string }> }) => r.rows.map((x) => String(x[r.columns.findIndex((col) => col.name === 'summary')]).split(' ')[0]);
  const five = await surroundingEvents(c.queries, { time: '2024-05-01 10:01:00', minutes: 5, pivot: 'principal', value: ALICE });
  assert.deepEqual(ev(five), ['ListBuckets', 'GetObject', 'GetObject']);
  assert.equal(five.truncated, false);
  const hour = await surroundingEvents(c.queries, { time: '2024-05-01T10:01:00Z', minutes: 60, pivot: 'principal', value: ALICE, limit: 2 });
  assert.deepEqual([hour.rows.length, hour.truncated], [2, true]);
  const ip = await surroundingEvents(c.queries, { time: '2024-05-01 10:01:00', minutes: 15, pivot: 'source_ip', value: '8.8.8.8' });
  assert.deepEqual(ev(ip), ['ListBuckets', 'ConsoleLogin']);
  const later = await surroundingEvents(c.queries, { time: '2024-05-01 10:20:00', minutes: 15, pivot: 'principal', value: ALICE });
  assert.deepEqual(ev(later), ['DeleteBucket'], 'the window starts 15 minutes before');
  // The SQL offered to open as a query gives the same rows.
  const again = await c.queries.run(ip.sql, { params: ip.params });
  assert.deepEqual(again.rows, ip.rows);
  assert.throws(() => validateArgs('event.surrounding', { time: "2024-05-01' OR 1=1 --", minutes: 5, pivot: 'principal', value: 'x' }), /argument time/);
  assert.throws(() => validateArgs('event.surrounding', { time: '2024-05-01 10:00:00', minutes: 5, pivot: 'eventname', value: 'x' }), /argument pivot/);
});

test('field summary: top and rare values with counts, NULL counted, computed over the result table', async () => {
  const r = await c.queries.run('SELECT eventname, errorcode, useridentity FROM cloudtrail');
  const names = await fieldSummary(c.queries, r.queryId, 'eventname', 2);
  assert.deepEqual(names.top, [{ value: 'GetObject', count: 3 }, { value: 'ConsoleLogin', count: 1 }]);
  assert.deepEqual(names.rare, [{ value: 'ConsoleLogin', count: 1 }, { value: 'DeleteBucket', count: 1 }]);
  assert.deepEqual([names.rows, names.distinct], [6, 4]);
  const errors = await fieldSummary(c.queries, r.queryId, 'errorcode');
  assert.deepEqual(errors.top, [{ value: null, count: 5 }, { value: 'Failed authentication', count: 1 }]);
  assert.deepEqual(errors.rare, [], 'every value is already listed');
  const who = await fieldSummary(c.queries, r.queryId, 'useridentity', 1);
  assert.equal(who.top[0]?.count, 4);
  assert.match(who.top[0]!.value!, /alice/);
  await assert.rejects(fieldSummary(c.queries, r.queryId, 'nope'), /no column nope/);
});

test('filter in and out keeps exactly the rows the summary counted, NULL included, and filters stack', async () => {
  const base = 'SELECT eventid, eventname, errorcode, useridentity FROM cloudtrail ORDER BY eventtime';
  const r = await c.queries.run(base);
  const who = (await fieldSummary(c.queries, r.queryId, 'useridentity')).top[0]!.value!;
  const type = (name: string) => r.columns.find((col) => col.name === name)!.type;
  assert.deepEqual(await ids(filteredSql(base, { column: 'eventname', type: 'VARCHAR', value: 'GetObject', exclude: false })), ['ev-b2', 'ev-a2', 'ev-a3']);
  assert.deepEqual(await ids(filteredSql(base, { column: 'errorcode', type: 'VARCHAR', value: 'Failed authentication', exclude: true })), ['ev-a1', 'ev-b2', 'ev-a2', 'ev-a3', 'ev-a4']);
  assert.deepEqual(await ids(filteredSql(base, { column: 'errorcode', type: 'VARCHAR', value: null, exclude: true })), ['ev-b1']);
  const alice = filteredSql(`SELECT 1;\n${base};`, { column: 'useridentity', type: type('useridentity'), value: who, exclude: false });
  assert.deepEqual(await ids(alice), ['ev-a1', 'ev-a2', 'ev-a3', 'ev-a4']);
  assert.deepEqual(await ids(filteredSql(alice, { column: 'eventname', type: 'VARCHAR', value: "Get'Object", exclude: true })), ['ev-a1', 'ev-a2', 'ev-a3', 'ev-a4']);
  assert.deepEqual(await ids(filteredSql(alice, { column: 'eventname', type: 'VARCHAR', value: 'GetObject', exclude: true })), ['ev-a1', 'ev-a4']);
});

test('struct fields keep their path as the column label; names stay DuckDB\'s', async () => {
  const r = await c.queries.run('SELECT useridentity.arn, c.eventname, c.useridentity.sessioncontext.sessionissuer.arn, eventid AS id, * FROM cloudtrail c LIMIT 1');
  assert.deepEqual(r.columns.slice(0, 4).map((col) => [col.name, col.path ?? null]),
    [['arn', 'useridentity.arn'], ['eventname', null], ['arn_1', 'useridentity.sessioncontext.sessionissuer.arn'], ['id', null]]);
  const p = await c.queries.page(r.queryId, 0, 1);
  assert.equal(p.columns[0]?.path, 'useridentity.arn', 'pages carry the label too');
});

test('IP lookups answer from the offline databases; a read past its timeout stops with TIMEOUT', async () => {
  assert.deepEqual(await lookupIps(c.queries, ['8.8.8.8', 'not an ip', '10.0.0.1']), [
    { ip: '8.8.8.8', asn: '15169', org: 'Google LLC', country: 'US' },
    { ip: 'not an ip', asn: null, org: null, country: null },
    { ip: '10.0.0.1', asn: null, org: null, country: null },
  ]);
  await assert.rejects(c.queries.bounded((conn) => conn.run('SELECT count(*) FROM range(1000000000000)'), { timeoutMs: 300 }), (e: Error & { code?: string }) => e.code === 'TIMEOUT');
});
