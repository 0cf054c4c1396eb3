// CloudTrail as it is handed over beyond management events: Insights events (the API named in insightDetails,
// in a log file, alone, and as the guide prints lookup-events output) and network-activity events.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { SAMPLES } from '../../helpers/temp';

async function rowsOf(c: Awaited<ReturnType<typeof newCase>>, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.forImport().conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

test('Insights events are kept, not rejected for lacking a top-level eventSource; the events view names their API', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'cloudtrail_insights')]);
  const by = new Map(s.files.map((f) => [f.relPath.split('/').pop(), f]));
  for (const [name, n] of [['aws-docs-example_insights-event.json', 1], ['aws-docs-example_insights-log-file.json', 2], ['aws-docs-example_lookup-events-insight-output.json', 2]] as const) {
    const f = by.get(name)!;
    assert.deepEqual([f.format, f.status, f.recordsRead, f.imported, f.rejected], ['cloudtrail', 'imported', n, n, 0], name);
  }
  const rows = await rowsOf(c, `SELECT eventcategory, eventsource, insightdetails->>'$.state' AS state, insightdetails->>'$.insightType' AS type
    FROM cloudtrail_logs WHERE sharedeventid = 'EXAMPLE2-1729-42f1-b735-5d8c0EXAMPLE' ORDER BY event_ts`);
  assert.deepEqual(rows, [{ eventcategory: 'Insight', eventsource: null, state: 'Start', type: 'ApiCallRateInsight' },
    { eventcategory: 'Insight', eventsource: null, state: 'End', type: 'ApiCallRateInsight' }]);
  const events = await rowsOf(c, "SELECT DISTINCT action FROM events WHERE source = 'cloudtrail' ORDER BY action");
  assert.ok(events.some((e) => e.action === 'ssm.amazonaws.com:UpdateInstanceInformation (Insight Start)'), JSON.stringify(events));
});

test('network-activity events land with their VPC endpoint; the one without eventTime is rejected with its line', async () => {
  const c = await newCase();
  const s = await importEvidence(c, [join(SAMPLES, 'cloudtrail_network_activity')]);
  const [f] = s.files;
  assert.deepEqual([f?.format, f?.recordsRead, f?.imported, f?.rejected], ['cloudtrail', 9, 8, 1]);
  assert.deepEqual(await rowsOf(c, 'SELECT CAST(line AS INTEGER) AS line, reason FROM cairn_rejects'), [{ line: 7, reason: 'not a CloudTrail record: no eventTime' }]);
  const rows = await rowsOf(c, "SELECT count(*) AS n, count(vpcendpointid) AS vpce FROM cloudtrail WHERE eventcategory = 'NetworkActivity'");
  assert.deepEqual(rows, [{ n: 8n, vpce: 7n }]); // one hand-written test event has no vpcEndpointId
});
