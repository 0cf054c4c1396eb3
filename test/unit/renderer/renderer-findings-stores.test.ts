// The findings, timeline and report stores over the real core (real DuckDB and SQLite, JSON on the wire):
// rows picked in a sorted result become a finding with provenance, tags filter, notes save, the timeline
// orders the rows, the histogram counts them, and the exported report carries the manifest's hashes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCaseStore } from '../../../renderer/stores/case-store';
import { createFindingsStore } from '../../../renderer/stores/findings-store';
import { createQueryStore } from '../../../renderer/stores/query-store';
import { createReportStore } from '../../../renderer/stores/report-store';
import { createTimelineStore, histogramKey } from '../../../renderer/stores/timeline-store';
import { rowAt } from '../../../renderer/stores/result-view';
import type { ReportModel } from '../../../shared/types';
import { REPO } from '../../helpers/temp';
import { startStoreHarness, until, type StoreHarness } from '../../helpers/renderer-stores-harness';

let h: StoreHarness;
let cases: ReturnType<typeof createCaseStore>;
let queries: ReturnType<typeof createQueryStore>;
let findings: ReturnType<typeof createFindingsStore>;
let timeline: ReturnType<typeof createTimelineStore>;
let report: ReturnType<typeof createReportStore>;
let tabId = '';
const SQL = 'SELECT _evidence_id, _ordinal, eventtime, eventname, sourceipaddress FROM cloudtrail_logs';

before(async () => {
  h = await startStoreHarness();
  cases = createCaseStore(h.client);
  queries = createQueryStore(h.client);
  findings = createFindingsStore(h.client);
  timeline = createTimelineStore(h.client);
  report = createReportStore(h.client);
  await cases.getState().init();
  assert.ok(await cases.getState().createCase({ dir: join(h.root, 'case-f'), name: 'Findings case', examiner: 'tester' }));
  const runId = await cases.getState().startImport([join(REPO, 'resources', 'demo', 'cloudtrail')]);
  await until(cases, (s) => s.runs.some((r) => r.runId === runId && r.summary !== null));
  tabId = queries.getState().activeId;
  await queries.getState().run(tabId, { sql: SQL });
  await until(queries, (s) => s.tabs.find((t) => t.id === tabId)!.result?.done === true);
  // The grid shows the result sorted by event time, newest first: offsets are picked in that order.
  await queries.getState().sortBy(tabId, 'eventtime');
  await queries.getState().sortBy(tabId, 'eventtime');
});
after(async () => { cases?.getState().dispose(); await h?.stop(); });

const view = () => queries.getState().tabs.find((t) => t.id === tabId)!.result!;

describe('findings store', () => {
  test('makes a finding from two selected rows of a sorted result, with tags, provenance and a first note', async () => {
    const v = view();
    assert.ok(v.rowCount >= 3, `demo rows: ${v.rowCount}`);
    const picked = [rowAt(v, 0)!, rowAt(v, 2)!];
    const f = await findings.getState().create({
      queryId: v.queryId!, rows: [0, 2], sort: { column: 'eventtime', descending: true },
      title: 'Two events <script>alert(1)</script>', severity: 'high', description: '**bold** [x](javascript:alert(1))',
      attack: 'T1078', tags: ['persistence', 'ssm'], note: 'first note',
    });
    assert.ok(f, JSON.stringify(findings.getState().error));
    assert.equal(f.rowCount, 2);
    assert.equal(f.title, 'Two events <script>alert(1)</script>', 'stored as typed; escaping is the renderer\'s job');
    assert.deepEqual(f.tags.map((t) => t.name).sort(), ['persistence', 'ssm']);
    // The snapshot rows are exactly the rows the grid showed at offsets 0 and 2 of its sort order.
    const snapEvents = f.rows.map((r) => r.snapshot.values[3]).sort();
    assert.deepEqual(snapEvents, picked.map((r) => r[3]).sort());
    const evidenceList = await h.client.call('evidence.list', {});
    for (const r of f.rows) {
      assert.ok(r.provenance, 'the query selected _evidence_id and _ordinal');
      const file = evidenceList.find((e) => e.id === r.provenance!.evidenceId);
      assert.equal(r.provenance!.evidenceSha256, file?.sha256);
      assert.match(r.snapshotSha256, /^[0-9a-f]{64}$/);
    }
    assert.equal(findings.getState().list.length, 1, 'the list follows');
    assert.ok(findings.getState().tags.some((t) => t.name === 'ssm'), 'tags reload after a create');
    assert.equal(findings.getState().open, null, 'a new finding does not replace what the panel shows');
    await findings.getState().openFinding(f.id);
    const open = findings.getState().open;
    assert.deepEqual(open!.notes.map((n) => n.body), ['first note']);
  });

  test('a whole result too large or a bad selection comes back as an error in state, not a throw', async () => {
    assert.equal(await findings.getState().create({ queryId: view().queryId!, rows: [], title: 'none' }), null);
    assert.equal(findings.getState().error?.code, 'BAD_REQUEST');
    findings.getState().clearError();
  });

  test('adds rows, edits, recolours a tag, and filters by tag and severity', async () => {
    const id = findings.getState().list[0]!.id;
    const more = await findings.getState().addRows(id, { queryId: view().queryId!, rows: [1], sort: { column: 'eventtime', descending: true } });
    assert.equal(more?.rowCount, 3);
    await findings.getState().create({ queryId: view().queryId!, all: true, title: 'Everything', severity: 'low', tags: ['triage'] });
    assert.equal(findings.getState().list.length, 2);
    assert.ok(await findings.getState().upsertTag('ssm', '#123456'));
    assert.equal(findings.getState().tags.find((t) => t.name === 'ssm')?.colour, '#123456');
    await findings.getState().setFilter({ tag: 'ssm' });
    assert.deepEqual(findings.getState().list.map((f) => f.id), [id]);
    await findings.getState().setFilter({ severity: 'low' });
    assert.deepEqual(findings.getState().list.map((f) => f.title), ['Everything']);
    await findings.getState().setFilter({});
    const edited = await findings.getState().update({ id, title: 'Renamed', severity: 'critical', tags: ['ssm'] });
    assert.equal(edited?.severity, 'critical');
    assert.deepEqual(edited?.tags.map((t) => t.name), ['ssm']);
  });

  test('case notes and finding notes save, edit and delete (empty body)', async () => {
    assert.ok(await findings.getState().saveNote({ body: '# Case\n- one\n- two' }));
    assert.equal(findings.getState().caseNotes.length, 1);
    const note = findings.getState().caseNotes[0]!;
    assert.equal(note.findingId, null);
    assert.ok(await findings.getState().saveNote({ id: note.id, body: 'edited' }));
    assert.equal(findings.getState().caseNotes[0]!.body, 'edited');
    const id = findings.getState().list.find((f) => f.title === 'Renamed')!.id;
    await findings.getState().openFinding(id);
    assert.ok(await findings.getState().saveNote({ findingId: id, body: 'second' }));
    assert.deepEqual(findings.getState().open!.notes.map((n) => n.body), ['first note', 'second'], 'finding notes do not leak into case notes');
    assert.equal(findings.getState().caseNotes.length, 1);
    assert.ok(await findings.getState().saveNote({ id: note.id, body: '' }));
    assert.equal(findings.getState().caseNotes.length, 0);
  });
});

describe('timeline store', () => {
  test('lists every finding row in event-time order, and one tag\'s', async () => {
    await timeline.getState().load();
    const all = timeline.getState().events;
    const total = findings.getState().list.reduce((n, f) => n + f.rowCount, 0);
    assert.equal(all.length, total);
    const times = all.map((e) => e.time).filter((t): t is string => t !== null);
    assert.deepEqual(times, [...times].sort(), 'ordered by event time');
    assert.ok(all.every((e) => e.source === 'cloudtrail'), JSON.stringify(all[0]));
    await timeline.getState().setTag('ssm');
    assert.equal(timeline.getState().events.length, 3);
    await timeline.getState().setTag(null);
  });
  test('counts a result\'s rows per time bucket', async () => {
    const hist = await timeline.getState().loadHistogram(view().queryId!);
    assert.ok(hist, JSON.stringify(timeline.getState().histogramErrors));
    assert.equal(hist.column, 'eventtime');
    assert.equal(hist.buckets.reduce((n, [, c]) => n + c, 0) + hist.undated, view().rowCount);
    assert.equal(await timeline.getState().loadHistogram(view().queryId!), hist, 'cached per result');
    assert.equal(await timeline.getState().loadHistogram('no-such-query'), null);
    assert.ok(timeline.getState().histogramErrors[histogramKey('no-such-query')]);
  });
});

describe('report store', () => {
  test('exports HTML and JSON; the report and sidecar hashes agree; evidence hashes match the manifest', async () => {
    const html = await report.getState().exportReport('html');
    assert.ok(html, JSON.stringify(report.getState().error));
    assert.equal(createHash('sha256').update(readFileSync(html.path)).digest('hex'), html.sha256);
    assert.ok(readFileSync(html.sha256Path, 'utf8').includes(html.sha256));
    assert.equal(html.integrityProblems, 0);
    const evidence = await h.client.call('evidence.list', {});
    assert.equal(html.evidenceChecks.length, evidence.length);
    const json = await report.getState().exportReport('json');
    const model = JSON.parse(readFileSync(json!.path, 'utf8')) as ReportModel;
    assert.deepEqual(model.evidence.map((e) => e.sha256).sort(), evidence.map((e) => e.sha256).sort());
    assert.deepEqual(Object.keys(report.getState().exports).sort(), ['html', 'json']);
  });
  test('the audit chain verifies', async () => {
    const a = await report.getState().verifyAudit();
    assert.equal(a?.ok, true, JSON.stringify(a));
    assert.ok(a!.entries > 0);
  });
  test('deleting a finding takes it off the list and the timeline', async () => {
    const id = findings.getState().list.find((f) => f.title === 'Everything')!.id;
    assert.ok(await findings.getState().remove(id));
    assert.ok(!findings.getState().list.some((f) => f.id === id));
    await timeline.getState().load();
    assert.ok(!timeline.getState().events.some((e) => e.findingId === id));
    assert.equal((await report.getState().verifyAudit())?.ok, true);
  });
});
