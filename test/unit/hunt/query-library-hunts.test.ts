import assert from 'node:assert/strict';
import { test } from 'node:test';
import { huntingCase } from '../../helpers/query-library-harness';
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
