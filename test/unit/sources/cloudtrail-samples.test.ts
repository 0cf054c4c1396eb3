import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StagedFile } from '../../../electron/core/sources/source';
import { SAMPLES, count, importFiles, openHarness, stage } from '../../helpers/cloudtrail-helpers';

/** Record counts from test/fixtures/samples/SOURCES.md (read from the file, not copied here). */
function expectedCounts(): Map<string, number> {
  const md = readFileSync(join(SAMPLES, '..', 'SOURCES.md'), 'utf8');
  const m = new Map<string, number>();
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`cloudtrail\/(.+)`$/.exec(cells[1] ?? '')?.[1];
    const n = Number(cells[cells.length - 2]);
    if (file && Number.isInteger(n)) m.set(file, n);
  }
  return m;
}

test('every real CloudTrail sample lands with the record count in SOURCES.md', async () => {
  const expected = expectedCounts();
  const names = readdirSync(SAMPLES).sort();
  assert.equal(expected.size, names.length, 'SOURCES.md lists every sample');
  const h = await openHarness();
  try {
    const staged: StagedFile[] = [];
    for (const name of names) staged.push(await stage(h, join(SAMPLES, name)));
    const results = await importFiles(h, staged);
    for (const [i, name] of names.entries()) {
      const r = results.find((x) => x.evidenceId === staged[i]?.evidenceId);
      const want = expected.get(name);
      assert.ok(r && want !== undefined, name);
      assert.equal(r.error, undefined, `${name}: ${r.error}`);
      assert.deepEqual({ read: r.recordsRead, imported: r.imported, rejected: r.rejected }, { read: want, imported: want, rejected: 0 }, name);
      assert.equal(await count(h.conn, `SELECT count(*) FROM cloudtrail WHERE _evidence_id = ${staged[i]?.evidenceId}`), want, name);
    }
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail WHERE event_ts IS NULL OR eventname IS NULL'), 0);
    assert.equal(await count(h.conn, 'SELECT count(*) FROM cloudtrail_logs'), [...expected.values()].reduce((a, b) => a + b, 0));
    // Ordinals are each record's 1-based place in its file.
    assert.equal(await count(h.conn, `SELECT count(*) FROM (SELECT _evidence_id, max(_ordinal) m, count(*) n FROM cloudtrail GROUP BY 1) WHERE m <> n`), 0);
  } finally { await h.close(); }
});
