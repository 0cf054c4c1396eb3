// UTC time display/parsing for the workbench, and result columns sized to their content.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fitColumnWidths, MAX_COLUMN, MIN_COLUMN, type GridFonts } from '../../../renderer/results/column-widths';
import { formatUtc, isoUtc, parseUtc } from '../../../renderer/common/utc-time';
import { boundParams, initialParams, invalidParams } from '../../../renderer/library/param-values';

describe('utc-time', () => {
  test('formats any instant as an unambiguous UTC string, whatever the process time zone', () => {
    assert.equal(formatUtc('2026-11-27T05:02:13.000Z'), '2026-11-27 05:02:13Z');
    assert.equal(formatUtc('2026-11-27T07:02:13+02:00'), '2026-11-27 05:02:13Z');
    assert.equal(formatUtc(0), '1970-01-01 00:00:00Z');
    assert.equal(formatUtc(null), '—');
    assert.equal(formatUtc('not a time'), 'not a time');
  });
  test('reads ISO-8601 dates and times as UTC, with T or space, optional seconds and suffix', () => {
    for (const text of ['2026-11-27 05:02:13Z', '2026-11-27T05:02:13Z', '2026-11-27T05:02:13', '2026-11-27 05:02:13 UTC', ' 2026-11-27T05:02:13+00:00 ']) {
      const r = parseUtc(text);
      assert.ok(r.ok, text);
      assert.equal(r.iso, '2026-11-27T05:02:13Z', text);
    }
    const noSeconds = parseUtc('2026-11-27 05:02');
    assert.ok(noSeconds.ok && noSeconds.iso === '2026-11-27T05:02:00Z');
    const dateOnly = parseUtc('2026-11-27');
    assert.ok(dateOnly.ok && dateOnly.iso === '2026-11-27T00:00:00Z');
    const frac = parseUtc('2026-11-27T05:02:13.250Z');
    assert.ok(frac.ok && frac.iso === '2026-11-27T05:02:13.250Z');
  });
  test('converts explicit offsets to UTC', () => {
    const r = parseUtc('2026-11-27T07:32:13+02:30');
    assert.ok(r.ok && r.iso === '2026-11-27T05:02:13Z');
    const w = parseUtc('2026-11-26T23:02:13-0600');
    assert.ok(w.ok && w.iso === '2026-11-27T05:02:13Z');
  });
  test('refuses local 12-hour forms, impossible dates and garbage', () => {
    for (const text of ['11/27/2026, 5:02:13 AM', '2026-02-30 00:00:00', '2026-11-27 24:00:00', '2026-11-27 05:60:00', 'yesterday', '2026-13-01', '<script>']) {
      assert.equal(parseUtc(text).ok, false, text);
    }
  });
  test('isoUtc keeps milliseconds only when there are some', () => {
    assert.equal(isoUtc(Date.UTC(2026, 10, 27, 5, 2, 13)), '2026-11-27T05:02:13Z');
    assert.equal(isoUtc(Date.UTC(2026, 10, 27, 5, 2, 13, 5)), '2026-11-27T05:02:13.005Z');
  });
});

describe('library parameter values', () => {
  const params = [
    { name: 'start', label: 'Start', kind: 'timestamp' as const, default: '1970-01-01T00:00:00Z', required: true },
    { name: 'end', label: 'End', kind: 'timestamp' as const, required: false },
    { name: 'who', label: 'Who', kind: 'principal' as const, required: false },
  ];
  test('defaults are shown in the readable UTC form and bound in ISO form', () => {
    const shown = initialParams(params);
    assert.deepEqual(shown, { start: '1970-01-01 00:00:00Z', end: '', who: '' });
    assert.deepEqual(boundParams(params, { ...shown, who: 'alice' }), { start: '1970-01-01T00:00:00Z', end: '', who: 'alice' });
  });
  test('an unreadable time blocks the run; text params are never judged', () => {
    assert.deepEqual(invalidParams(params, { start: '11/27/2026, 5:02:13 AM', end: '', who: '<not a time>' }), ['Start']);
    assert.deepEqual(invalidParams(params, { start: '2026-11-27 05:02', end: '2026-11-28', who: 'x' }), []);
  });
});

describe('column widths', () => {
  const fonts: GridFonts = { cell: '12px mono', headName: '600 12px sans', headType: '10px mono' };
  const measure = (text: string, font: string) => text.length * (font.startsWith('10px') ? 6 : 7);
  const columns = [
    { name: 'eventname', type: 'VARCHAR' },
    { name: 'n', type: 'BIGINT' },
    { name: 'requestparameters', type: 'VARCHAR' },
    { name: 'flag', type: 'BOOLEAN' },
  ];
  test('fits the widest sampled value, but never below the header nor outside 60–420 px', () => {
    const rows = [
      ['DescribeParameters', 1, 'x'.repeat(500), true],
      ['GetObject', 22, 'short', null],
    ];
    const [event, n, params, flag] = fitColumnWidths(columns, rows, fonts, measure);
    assert.equal(event, Math.round(Math.max('DescribeParameters'.length * 7 + 18, 'eventname'.length * 7 + 'VARCHAR'.length * 6 + 38)));
    assert.ok(event! > 'DescribeParameters'.length * 7, 'the value is not cut');
    assert.ok(n! >= MIN_COLUMN && n! < 100, `number column stays narrow: ${n}`);
    assert.equal(params, MAX_COLUMN);
    assert.ok(flag! >= MIN_COLUMN);
  });
  test('only a sample of the first page is measured, and repeated values once', () => {
    const rows = Array.from({ length: 5000 }, (_, k) => ['AssumeRole', k, 'v', false]);
    rows[4000] = ['A'.repeat(200), 1, 'v', false];   // outside the sample
    let calls = 0;
    const widths = fitColumnWidths(columns, rows, fonts, (t, f) => { calls++; return measure(t, f); });
    assert.ok(widths[0]! < MAX_COLUMN);
    assert.ok(calls < 400, `measured ${calls} strings`);
  });
  test('no rows: headers decide', () => {
    const widths = fitColumnWidths([{ name: 'a_rather_long_column_name', type: 'TIMESTAMP WITH TIME ZONE' }], [], fonts, measure);
    assert.equal(widths[0], Math.min(MAX_COLUMN, Math.round('a_rather_long_column_name'.length * 7 + Math.min(90, 'TIMESTAMP WITH TIME ZONE'.length * 6) + 38)));
  });
});
