// Issue #28: hostile and broken CloudTrail evidence. Real DuckDB, real files written here, the real importer:
// a record DuckDB cannot take is rejected with its offset and reason, the rest of its file imports, counts add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_JSON_DEPTH } from '../../../electron/core/intake/json-depth';
import { MAX_RECORD_BYTES } from '../../../electron/core/sources/cloudtrail/record-scan';
import { count, importFiles, openHarness, rows, stage, type Harness } from '../../helpers/cloudtrail-helpers';

const event = (i: number, extra = ''): string =>
  `{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","userName":"alice"},"eventTime":"2024-03-01T10:00:0${i}Z",` +
  `"eventSource":"iam.amazonaws.com","eventName":"GetUser","eventID":"e${i}","recipientAccountId":"111122223333"${extra}}`;
/** requestParameters nested so that the whole record is `depth` levels deep (the record itself is level 1). */
const nested = (depth: number): string => `,"requestParameters":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`;

type Layout = 'compact' | 'pretty' | 'array' | 'lines';
function document(layout: Layout, records: string[]): string {
  if (layout === 'compact') return `{"Records":[${records.join(',')}]}`;
  if (layout === 'pretty') return `{\n  "Records": [\n    ${records.join(',\n    ')}\n  ]\n}\n`;
  if (layout === 'array') return `[${records.join(',')}]`;
  return records.join('\n') + '\n';
}

async function importOne(h: Harness, name: string, content: string | Buffer) {
  const path = join(h.dir, name);
  writeFileSync(path, content);
  const [r] = await importFiles(h, [await stage(h, path)]);
  const rejects = await rows(h.conn, `SELECT ordinal, line, byte_offset, reason, raw_length FROM cairn_rejects WHERE evidence_id = ${h.nextId - 1} ORDER BY ordinal`);
  return { r: r!, rejects };
}

for (const layout of ['compact', 'pretty', 'array', 'lines'] as const) {
  test(`${layout}: a record nested 100,000 deep is rejected, not a crash; the others import`, async () => {
    const h = await openHarness();
    try {
      const records = [event(1), event(2, nested(100_000)), event(3)];
      const text = document(layout, records);
      const { r, rejects } = await importOne(h, `deep-${layout}.json`, text);
      assert.deepEqual([r.recordsRead, r.imported, r.rejected, r.error], [3, 2, 1, undefined]);
      assert.equal(rejects[0]?.ordinal, '2');
      assert.match(String(rejects[0]?.reason), /^nested deeper than 1000 levels/);
      assert.equal(Number(rejects[0]?.byte_offset), Buffer.byteLength(text.slice(0, text.indexOf(records[1]!))));
      assert.deepEqual((await rows(h.conn, 'SELECT eventid FROM cloudtrail ORDER BY 1')).map((x) => x.eventid), ['e1', 'e3']);
    } finally { await h.close(); }
  });
}

test(`the depth limit: ${MAX_JSON_DEPTH} levels import (and DuckDB walks them), ${MAX_JSON_DEPTH + 1} are rejected`, async () => {
  for (const layout of ['compact', 'pretty', 'lines'] as const) {
    const h = await openHarness();
    try {
      const { r, rejects } = await importOne(h, `limit-${layout}.json`, document(layout, [event(1, nested(MAX_JSON_DEPTH - 1)), event(2, nested(MAX_JSON_DEPTH)), event(3, nested(MAX_JSON_DEPTH + 1))]));
      assert.deepEqual([r.recordsRead, r.imported, r.rejected], [3, 2, 1], layout);
      assert.equal(rejects[0]?.ordinal, '3', layout);
      // json_structure recurses over the value: at the limit it must still run.
      assert.equal(await count(h.conn, 'SELECT count(json_structure(requestparameters)) FROM cloudtrail'), 2);
    } finally { await h.close(); }
  }
});

test('one bad record costs only itself: invalid UTF-8, a lone \\ud800 escape, a raw NUL, a record over the size limit', async () => {
  const h = await openHarness();
  try {
    const good = [event(1), event(2), event(3), event(4), event(5)];
    const cases: { name: string; bad: Buffer; reason: RegExp }[] = [
      { name: 'utf8', bad: Buffer.concat([Buffer.from(event(9).slice(0, 60)), Buffer.from([0xc3, 0x28]), Buffer.from(event(9).slice(60))]), reason: /^invalid UTF-8 at byte \d+$/ },
      { name: 'surrogate', bad: Buffer.from(event(9).replace('alice', 'al\\ud800ice')), reason: /^lone UTF-16 surrogate escape \\ud800/ },
      { name: 'nul', bad: Buffer.from(event(9).replace('alice', 'al\u0000ice')), reason: /^malformed JSON: Bad control character/ },
      { name: 'huge', bad: Buffer.from(event(9, `,"responseElements":{"blob":"${'A'.repeat(MAX_RECORD_BYTES)}"}`)), reason: /^record is \d+ bytes; Cairn imports records of up to 20971520 bytes$/ },
    ];
    for (const layout of ['compact', 'pretty', 'lines'] as const) {
      for (const c of cases) {
        const parts = document(layout, [...good.slice(0, 2), '\u0000BAD\u0000', ...good.slice(2)]).split('\u0000BAD\u0000');
        const content = Buffer.concat([Buffer.from(parts[0]!), c.bad, Buffer.from(parts[1]!)]);
        const { r, rejects } = await importOne(h, `${c.name}-${layout}.json`, content);
        const label = `${c.name} in ${layout}`;
        assert.deepEqual([r.recordsRead, r.imported, r.rejected, r.error], [6, 5, 1, undefined], label);
        assert.equal(rejects[0]?.ordinal, '3', label);
        assert.match(String(rejects[0]?.reason), c.reason, label);
        assert.equal(Number(rejects[0]?.byte_offset), Buffer.byteLength(parts[0]!), label);
        if (layout === 'lines') assert.equal(rejects[0]?.line, '3', label);
      }
    }
    // Independent count: every good record of every file is in the table once.
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail'), 5 * 3 * cases.length);
  } finally { await h.close(); }
});
