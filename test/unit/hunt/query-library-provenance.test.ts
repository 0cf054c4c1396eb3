import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadQueryLibrary } from '../../../electron/core/query/query-library';
import { REPO } from '../../helpers/temp';

// A finding made from a hunting query's rows is only traceable to the evidence bytes if the rows carry
// their provenance. Aggregates have no single source row; the AWS post's samples stay as published.
test('row-level hunting queries select _evidence_id and _ordinal', () => {
  const library = loadQueryLibrary(join(REPO, 'resources', 'queries'));
  const rowLevel = library.filter((q) => !/\bGROUP BY\b/i.test(q.sql) && !q.id.startsWith('post-'));
  assert.ok(rowLevel.length >= 20, `${rowLevel.length} row-level queries`);
  for (const q of rowLevel) {
    assert.match(q.sql, /\b_evidence_id\b/, q.id);
    assert.match(q.sql, /\b_ordinal\b/, q.id);
  }
});
