import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { huntingCase, QUERY_DIR } from '../../helpers/query-library-harness';
import { HUNTS } from '../../helpers/query-library-hunts';

// Each library query against fixtures holding what it hunts for and look-alikes it must leave out.
for (const hunt of HUNTS) {
  test(`${hunt.id}: ${hunt.what}`, async () => {
    const h = await huntingCase();
    const q = h.library.find((x) => x.id === hunt.id);
    assert.ok(q, `no query ${hunt.id} in resources/queries`);
    const rows = await h.run(q, hunt.params);
    assert.ok(rows.length === 0 || hunt.key in rows[0]!, `${hunt.id} has no column ${hunt.key} (columns: ${Object.keys(rows[0] ?? {}).join(', ')})`);
    const found = new Set(rows.map((r) => r[hunt.key]));
    for (const v of hunt.hits) assert.ok(found.has(v), `${hunt.id} should return ${hunt.key} = ${v}; got ${JSON.stringify([...found])}`);
    for (const v of hunt.misses ?? []) assert.ok(!found.has(v), `${hunt.id} should not return ${hunt.key} = ${v}`);
    if (hunt.nothing) assert.deepEqual(rows, [], `${hunt.id} finds nothing: ${hunt.nothing}`);
    hunt.check?.(rows);
  });
}

// A list a query gathers must not depend on the order DuckDB reads rows in (inserts run in any order, decision
// 0028; an export read back orders them otherwise): the same case must give the same answer every time.
test('every list a library query gathers is sorted, so its answer does not depend on the order rows are read in', () => {
  const unsorted: string[] = [];
  for (const name of readdirSync(QUERY_DIR).filter((f) => f.endsWith('.sql'))) {
    const sql = readFileSync(join(QUERY_DIR, name), 'utf8').replace(/--[^\n]*/g, '');
    for (const m of sql.matchAll(/array_agg\(/gi)) {
      const before = sql.slice(0, m.index).replace(/\s+/g, '');
      if (!/array_sort\((array_distinct\(flatten\()?$/i.test(before)) unsorted.push(`${name}: ${sql.slice(m.index, m.index + 60)}`);
    }
  }
  assert.deepEqual(unsorted, []);
});
