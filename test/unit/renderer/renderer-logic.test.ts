// Pure parts of the workbench: formatting, completions, result paging/eviction, grid windowing, import rates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SchemaTable } from '../../../shared/api';
import type { QueryPage } from '../../../shared/types';
import { cellText, copyText, rowTsv } from '../../../renderer/common/cell-text';
import { HEADER_HEIGHT, MAX_SCROLL_HEIGHT, ROW_HEIGHT, rowWindow, scrollTopFor } from '../../../renderer/results/grid-geometry';
import { memberChain, suggest, tableRefs } from '../../../renderer/monaco/sql-complete';
import { formatSql } from '../../../renderer/monaco/sql-format';
import { applyProgress, runStats, startRun } from '../../../renderer/stores/import-runs';
import { addTab, makeTab, removeTab } from '../../../renderer/stores/query-tabs';
import { MAX_PAGES_KEPT, mergePage, missingPages, nextSort, viewFromFirstPage } from '../../../renderer/stores/result-view';

const page = (offset: number, n: number, rowCount: number, done: boolean): QueryPage => ({
  queryId: 'q', columns: [{ name: 'n', type: 'BIGINT' }], rows: Array.from({ length: n }, (_, k) => [offset + k]), offset, rowCount, done, elapsedMs: 1,
});

describe('sql-format', () => {
  const samples = [
    "select a, count(*) n from t where x = 'it''s -- not a comment' and y in (select z from u) group by 1 order by n desc",
    '-- keep me\nSELECT "Weird ""name""", cast(x AS varchar) FROM t; select 1',
    "with w as (select * from t) select case when a then 'x;y' else 'z' end from w left join v on w.id = v.id",
  ];
  for (const sql of samples) {
    test(`keeps strings, quoted names and comments, and is idempotent: ${sql.slice(0, 40)}`, () => {
      const out = formatSql(sql);
      for (const lit of sql.match(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*/g) ?? []) assert.ok(out.includes(lit), `${lit} lost in\n${out}`);
      assert.equal(formatSql(out), out);
      const words = (s: string) => s.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*/g, '').toUpperCase().replace(/\s+/g, '');
      assert.equal(words(out), words(sql), 'only whitespace and keyword case change');
    });
  }
  test('puts clauses on their own lines', () => {
    assert.deepEqual(formatSql('select a from t where b = 1 limit 5').trim().split('\n'), ['SELECT', '  a', 'FROM t', 'WHERE b = 1', 'LIMIT 5']);
  });
});

describe('sql-complete', () => {
  const tables: SchemaTable[] = [
    { name: 'cloudtrail_logs', kind: 'view', rows: null, columns: [{ name: 'eventname', type: 'VARCHAR' }, { name: 'useridentity', type: 'STRUCT(...)', children: [{ name: 'arn', type: 'VARCHAR' }, { name: 'sessioncontext', type: 'STRUCT', children: [{ name: 'sourceidentity', type: 'VARCHAR' }] }] }] },
    { name: 'vpc_flow_logs', kind: 'table', rows: 10, columns: [{ name: 'srcaddr', type: 'VARCHAR' }] },
  ];
  test('reads dotted chains, quoted parts included', () => {
    assert.deepEqual(memberChain('select ct.useridentity.ar'), ['ct', 'useridentity', 'ar']);
    assert.deepEqual(memberChain('select "my t".'), ['my t', '']);
    assert.equal(memberChain('select abc'), null);
  });
  test('resolves aliases', () => {
    const refs = tableRefs('SELECT * FROM cloudtrail_logs AS ct JOIN vpc_flow_logs v ON true', tables);
    assert.equal(refs.get('ct')?.name, 'cloudtrail_logs');
    assert.equal(refs.get('v')?.name, 'vpc_flow_logs');
    assert.equal(refs.get('on'), undefined);
  });
  test('offers struct fields after alias.column.', () => {
    const stmt = 'SELECT ct.useridentity. FROM cloudtrail_logs ct';
    const s = suggest('SELECT ct.useridentity.', stmt, tables, []);
    assert.deepEqual(s.map((x) => x.label), ['arn', 'sessioncontext']);
    assert.deepEqual(suggest('SELECT useridentity.sessioncontext.', 'SELECT useridentity.sessioncontext. FROM cloudtrail_logs', tables, []).map((x) => x.label), ['sourceidentity']);
  });
  test('offers tables, in-scope columns, functions and keywords otherwise', () => {
    const s = suggest('SELECT ', 'SELECT  FROM vpc_flow_logs', tables, [{ name: 'from_iso8601_timestamp', signature: 'from_iso8601_timestamp(s)', description: 'parse', dialect: 'presto' }]);
    const labels = s.map((x) => x.label);
    for (const l of ['cloudtrail_logs', 'srcaddr', 'from_iso8601_timestamp', 'SELECT']) assert.ok(labels.includes(l), l);
    assert.ok(!labels.includes('eventname'), 'columns of tables not in the statement are not offered');
  });
});

describe('result-view', () => {
  test('knows which pages are missing and stops at the end of a finished result', () => {
    const v = viewFromFirstPage(page(0, 500, 1200, true));
    assert.deepEqual(missingPages(v, 0, 1500), [1, 2]);
    assert.deepEqual(missingPages(v, 0, 400), []);
  });
  test('keeps a bounded number of pages, dropping the farthest', () => {
    let v = viewFromFirstPage(page(0, 500, 500, false));
    for (let p = 1; p <= MAX_PAGES_KEPT + 5; p++) v = mergePage(v, p, page(p * 500, 500, (p + 1) * 500, false));
    const kept = Object.keys(v.pages).map(Number);
    assert.equal(kept.length, MAX_PAGES_KEPT);
    assert.ok(!kept.includes(0) && kept.includes(MAX_PAGES_KEPT + 5));
  });
  test('a short page reveals the row count', () => {
    const v = mergePage(viewFromFirstPage(page(0, 500, 500, false)), 1, page(500, 20, 500, false));
    assert.equal(v.rowCount, 520);
  });
  test('sort cycles ascending, descending, none', () => {
    assert.deepEqual(nextSort(null, 'a'), { column: 'a' });
    assert.deepEqual(nextSort({ column: 'a' }, 'a'), { column: 'a', descending: true });
    assert.equal(nextSort({ column: 'a', descending: true }, 'a'), null);
    assert.deepEqual(nextSort({ column: 'a', descending: true }, 'b'), { column: 'b' });
  });
});

describe('grid-geometry', () => {
  test('small results scroll one pixel per pixel', () => {
    const w = rowWindow(1000, 240, 600, 0);
    assert.equal(w.first, 10);
    assert.equal(w.offsetY, 0);
    assert.equal(w.scrollHeight, HEADER_HEIGHT + 1000 * ROW_HEIGHT);
  });
  test('a hundred million rows fit a capped scroll height and the end is reachable', () => {
    const rows = 100_000_000;
    const view = 600;
    const w0 = rowWindow(rows, 0, view, 0);
    assert.equal(w0.scrollHeight, HEADER_HEIGHT + MAX_SCROLL_HEIGHT);
    const end = rowWindow(rows, w0.scrollHeight - view, view, 0);
    assert.equal(end.last, rows);
    const top = scrollTopFor(rows / 2, rows, 0, view);
    const mid = rowWindow(rows, top, view, 0);
    assert.ok(mid.first <= rows / 2 && rows / 2 < mid.last, `${mid.first}..${mid.last}`);
  });
});

describe('import-runs', () => {
  test('rate and time left follow recent progress', () => {
    let r = startRun(1, ['/x'], 0);
    r = applyProgress(r, { runId: 1, phase: 'importing', filesTotal: 2, filesDone: 1, bytesTotal: 4000, bytesDone: 2000, bytesFinished: 1000, records: 10, filesRead: 1 }, 1000);
    const s = runStats(r);
    assert.equal(s.fraction, 3000 / 8000);
    assert.equal(s.bytesPerSec, 2000);
    assert.equal(s.etaMs, Math.round((5000 / 3000) * 1000)); // 3,000 of 8,000 done in 1 s
  });

  test('everything read is not everything done: the bar waits for the import', () => {
    let r = startRun(1, ['/x'], 0);
    r = applyProgress(r, { runId: 1, phase: 'importing', filesTotal: 2, filesDone: 0, bytesTotal: 4000, bytesDone: 4000, bytesFinished: 0, records: 0, filesRead: 0 }, 1000);
    r = applyProgress(r, { runId: 1, phase: 'importing', filesTotal: 2, filesDone: 1, bytesTotal: 4000, bytesDone: 4000, bytesFinished: 2000, records: 10, filesRead: 1 }, 3000);
    const s = runStats(r);
    assert.equal(s.fraction, 0.75);
    assert.equal(s.etaMs, 1000); // 6,000 of 8,000 done in 3 s; 2,000 to go
  });
});

describe('query-tabs', () => {
  test('closing the active tab activates its neighbour; the last tab stays', () => {
    let st = { tabs: [makeTab('a', 'A')], activeId: 'a' };
    st = addTab(st, makeTab('b', 'B'));
    st = addTab(st, makeTab('c', 'C'));
    st = { ...st, activeId: 'b' };
    st = removeTab(st, 'b');
    assert.equal(st.activeId, 'c');
    st = removeTab(removeTab(st, 'c'), 'a');
    assert.equal(st.tabs.length, 1);
  });
});

describe('cell-text', () => {
  test('hostile strings stay strings, on one line', () => {
    assert.equal(cellText('<img src=x onerror=alert(1)>\n</script>'), '<img src=x onerror=alert(1)> </script>');
    assert.equal(cellText(null), 'NULL');
    assert.equal(cellText({ arn: 'a', type: 'IAMUser', n: null }), '{arn: "a", type: "IAMUser"}');
    assert.equal(copyText({ a: 1 }), '{\n  "a": 1\n}');
    assert.equal(rowTsv(['a\tb', null, 3]), 'a b\t\t3');
  });
});
