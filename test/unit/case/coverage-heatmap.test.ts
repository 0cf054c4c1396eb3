// The coverage heatmap's layout: one column per hour across the case, gaps, digest-empty and logging-off hours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoverageLedger, LoggingChange } from '../../../shared/coverage';
import { heatmapLayout, hourIso } from '../../../renderer/coverage/heatmap';

const change = (at: string, eventName: string, kind: LoggingChange['kind']): LoggingChange => ({ at, eventName, kind, source: 'cloudtrail', account: 'A', region: 'r', target: 't', actor: 'x', errorCode: null, eventId: null, evidenceId: 1, ordinal: 1 });

test('columns span the case, gaps and digest-empty hours are marked, logging-off hours override gaps', () => {
  const stop = change('2024-05-02T01:30:00Z', 'StopLogging', 'off');
  const start = change('2024-05-02T03:10:00Z', 'StartLogging', 'on');
  const l: CoverageLedger = {
    computedAt: '', elapsedMs: 0, sources: [],
    cells: [
      { source: 'cloudtrail', account: 'A', region: 'r', hour: '2024-05-02T00:00:00Z', events: 5, files: 1, first: '', last: '' },
      { source: 'cloudtrail', account: 'A', region: 'r', hour: '2024-05-02T04:00:00Z', events: 1, files: 1, first: '', last: '' },
      { source: 'vpcflow', account: 'A', region: '', hour: '2024-05-02T05:00:00Z', events: 2, files: 1, first: '', last: '' },
    ],
    streams: [
      { source: 'cloudtrail', account: 'A', region: 'r', firstHour: '2024-05-02T00:00:00Z', lastHour: '2024-05-02T04:00:00Z', hours: 5, hoursWithEvents: 2, gapHours: 3, events: 6, files: 2, first: '', last: '', undated: 0 },
      { source: 'vpcflow', account: 'A', region: '', firstHour: '2024-05-02T05:00:00Z', lastHour: '2024-05-02T05:00:00Z', hours: 1, hoursWithEvents: 1, gapHours: 0, events: 2, files: 1, first: '', last: '', undated: 0 },
    ],
    gaps: [{ source: 'cloudtrail', account: 'A', region: 'r', from: '2024-05-02T01:00:00Z', to: '2024-05-02T04:00:00Z', hours: 3, reason: 'no-events' },
      { source: 'cloudtrail', account: 'A', region: 'r', from: '2024-05-02T03:00:00Z', to: '2024-05-02T04:00:00Z', hours: 1, reason: 'digest-empty', evidenceId: 9 }],
    changes: [stop, start],
    windows: [{ kind: 'off', account: 'A', region: 'r', target: 't', from: stop.at, to: start.at, start: stop, end: start }],
  };
  const h = heatmapLayout(l);
  assert.equal(h.columns, 6);
  assert.equal(hourIso(h, 0), '2024-05-02T00:00:00Z');
  assert.deepEqual(h.state[0], ['events', 'off', 'off', 'off', 'events', 'outside']);
  assert.deepEqual(h.state[1], ['outside', 'outside', 'outside', 'outside', 'outside', 'events']);
  assert.deepEqual([...h.events[0]!], [5, -1, -1, -1, 1, -1]);
  assert.equal(h.max, 5);
  // Without the window, the gap hours show as gaps, and the digest's hour as digest-empty.
  assert.deepEqual(heatmapLayout({ ...l, windows: [] }).state[0], ['events', 'gap', 'gap', 'digest-empty', 'events', 'outside']);
});
