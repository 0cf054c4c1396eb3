import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, FindingSummary, Note, Tag, TimelineEvent, TimeHistogram } from '../../../shared/types';
import { caseWithEvidence } from '../../helpers/findings-harness';

const caseWithSamples = (t: { after(fn: () => unknown): void }) => caseWithEvidence(t);

const CT_SQL = 'SELECT eventname, useridentity.arn AS arn, sourceipaddress, event_ts, _evidence_id, _ordinal FROM cloudtrail WHERE eventname IN ($a, $b) ORDER BY event_ts';

test('a finding from picked rows keeps SQL, parameters, provenance and hashed snapshots; every change is audited', async (t) => {
  const { call, dispatch, c } = await caseWithSamples(t);
  const page = await call<{ queryId: string; rowCount: number; rows: unknown[][] }>('query.run', { sql: CT_SQL, params: { a: 'StopLogging', b: 'DeleteTrail' } });
  assert.ok(page.rowCount >= 2);
  const f = await call<Finding>('finding.create', { queryId: page.queryId, rows: [0, 1], title: 'CloudTrail tampering', severity: 'high', tags: ['defense-evasion', 'cloudtrail'], attack: 't1562.008', note: 'Seen *twice*.' });
  assert.equal(f.rowCount, 2);
  assert.equal(f.attack, 'T1562.008');
  assert.deepEqual(f.tags.map((x) => x.name).sort(), ['cloudtrail', 'defense-evasion']);
  assert.equal(f.queries[0]!.sql, CT_SQL);
  assert.deepEqual(f.queries[0]!.params, { a: 'StopLogging', b: 'DeleteTrail' });
  assert.equal(f.notes.length, 1);
  const evidence = c.forImport().store.evidence();
  for (const [k, r] of f.rows.entries()) {
    assert.deepEqual(r.snapshot.values, page.rows[k]);
    assert.ok(r.provenance);
    const file = evidence.find((e) => e.id === r.provenance!.evidenceId)!;
    assert.equal(r.provenance!.evidenceSha256, file.sha256);
    assert.equal(r.provenance!.ordinal, Number(page.rows[k]![5]));
    assert.match(r.eventTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }

  const updated = await call<Finding>('finding.update', { id: f.id, severity: 'critical', tags: ['cloudtrail'] });
  assert.equal(updated.severity, 'critical');
  assert.deepEqual(updated.tags.map((x) => x.name), ['cloudtrail']);
  await call<Tag>('tag.upsert', { name: 'cloudtrail', colour: '#112233' });
  assert.equal((await call<Tag[]>('tag.list', {})).find((x) => x.name === 'cloudtrail')?.colour, '#112233');
  assert.equal((await dispatch('finding.list', { severity: 'urgent' })).ok, false);
  const bad = await dispatch('tag.upsert', { name: 'x', colour: 'red;background:url(http://evil)' });
  assert.equal(bad.ok, false);

  const flows = await call<{ queryId: string }>('query.run', { sql: 'SELECT srcaddr, dstaddr, dstport, action, start, _evidence_id, _ordinal FROM vpc_flow_logs ORDER BY start LIMIT 3' });
  const second = await call<Finding>('finding.create', { queryId: flows.queryId, all: true, title: 'Flows', severity: 'low', tags: ['network'] });
  assert.equal(second.rowCount, 3);
  assert.equal((await call<FindingSummary[]>('finding.list', { tag: 'network' })).map((x) => x.id).join(), String(second.id));
  assert.equal((await call<FindingSummary[]>('finding.list', { severity: 'critical' })).map((x) => x.id).join(), String(f.id));

  const caseNote = await call<Note>('note.save', { body: 'Case opened after an alert.' });
  await call<Note>('note.save', { id: caseNote.id, body: 'Case opened after a GuardDuty alert.' });
  assert.equal((await call<Note[]>('note.list', {})).length, 2);

  const timeline = await call<TimelineEvent[]>('timeline.events', {});
  assert.equal(timeline.length, 5);
  const times = timeline.map((e) => e.time!);
  assert.deepEqual(times, [...times].sort());
  const ct = timeline.find((e) => e.source === 'cloudtrail')!;
  assert.ok(ct.action === 'StopLogging' || ct.action === 'DeleteTrail');
  assert.ok(ct.principal?.startsWith('arn:aws:'));
  const vpc = timeline.find((e) => e.source !== 'cloudtrail')!;
  assert.match(vpc.summary, /->/);
  assert.equal((await call<TimelineEvent[]>('timeline.events', { tag: 'network' })).length, 3);

  await call('finding.delete', { id: second.id });
  assert.equal((await call<FindingSummary[]>('finding.list', {})).length, 1);
  assert.equal((await call<FindingSummary[]>('finding.list', { includeDeleted: true })).length, 2);
  assert.equal((await call<TimelineEvent[]>('timeline.events', {})).length, 2);

  const actions = c.forImport().store.auditLog().map((e) => e.action);
  for (const a of ['finding.created', 'finding.rows_added', 'finding.updated', 'finding.deleted', 'tag.created', 'tag.updated', 'note.created', 'note.updated']) {
    assert.ok(actions.includes(a), `audit has ${a}`);
  }
  assert.deepEqual(await call('audit.verify', {}), { ok: true, entries: actions.length, head: (c.forImport().store.verifyAudit() as { head: string }).head, brokenAt: null, reason: null });
});

test('rows without provenance are kept without it; too many rows and bad offsets are refused clearly', async (t) => {
  const { call, dispatch } = await caseWithSamples(t);
  const page = await call<{ queryId: string }>('query.run', { sql: 'SELECT eventname, event_ts FROM cloudtrail ORDER BY event_ts LIMIT 2' });
  const f = await call<Finding>('finding.create', { queryId: page.queryId, all: true, title: 'no provenance' });
  assert.equal(f.rowsWithoutProvenance, 2);
  assert.ok(f.rows.every((r) => r.provenance === null));

  const big = await call<{ queryId: string }>('query.run', { sql: 'SELECT range AS n FROM range(10001)' });
  const refused = await dispatch('finding.create', { queryId: big.queryId, all: true, title: 'too big' });
  assert.equal(refused.ok, false);
  if (!refused.ok) { assert.equal(refused.error.code, 'BAD_REQUEST'); assert.match(refused.error.message, /at most 10000/); }
  const beyond = await dispatch('finding.create', { queryId: page.queryId, rows: [5], title: 'x' });
  assert.equal(beyond.ok, false);
  if (!beyond.ok) assert.match(beyond.error.message, /not in this result/);
  const bothOrNeither = await dispatch('finding.create', { queryId: page.queryId, title: 'x' });
  assert.equal(bothOrNeither.ok, false);
  const badArgs = await dispatch('finding.create', { queryId: page.queryId, rows: ['0'], title: 'x' });
  assert.equal(badArgs.ok, false);
});

test('histogram buckets an open result by its time column', async (t) => {
  const { call } = await caseWithSamples(t);
  const page = await call<{ queryId: string; rowCount: number }>('query.run', { sql: 'SELECT eventname, event_ts FROM cloudtrail' });
  const h = await call<TimeHistogram>('timeline.histogram', { queryId: page.queryId });
  assert.equal(h.column, 'event_ts');
  assert.ok(h.bucketSeconds > 0 && h.buckets.length <= 241 && h.buckets.length > 0);
  assert.equal(h.buckets.reduce((n, [, k]) => n + k, 0) + h.undated, 30);
  const flows = await call<{ queryId: string }>('query.run', { sql: 'SELECT start, action FROM vpc_flow_logs' });
  const hv = await call<TimeHistogram>('timeline.histogram', { queryId: flows.queryId });
  assert.equal(hv.column, 'start');
  assert.ok(hv.buckets.every(([iso]) => /Z$/.test(iso)));
  const text = await call<{ queryId: string }>('query.run', { sql: 'SELECT eventtime FROM cloudtrail' });
  const ht = await call<TimeHistogram>('timeline.histogram', { queryId: text.queryId });
  assert.equal(ht.buckets.reduce((n, [, k]) => n + k, 0), 30);
});
