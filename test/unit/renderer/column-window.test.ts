// The result grid renders cells only for the columns in the horizontal view of a wide result (decision 0051).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_COLUMNS_UP_TO, columnWindow } from '../../../renderer/results/column-window';

test('a narrow result keeps every column', () => {
  const widths = Array.from({ length: ALL_COLUMNS_UP_TO }, () => 300);
  assert.deepEqual(columnWindow(widths, 4000, 800), { first: 0, last: ALL_COLUMNS_UP_TO });
});

test('a wide result gets the columns in view and one view either side', () => {
  const widths = Array.from({ length: 43 }, () => 100); // 4,300 px of columns
  assert.deepEqual(columnWindow(widths, 0, 800), { first: 0, last: 16 });           // [-800, 1600)
  assert.deepEqual(columnWindow(widths, 2000, 800), { first: 12, last: 36 });       // [1200, 3600)
  assert.deepEqual(columnWindow(widths, 4000, 800), { first: 32, last: 43 });       // ends at the last column
  // A partly visible column counts.
  assert.deepEqual(columnWindow(widths, 850, 100), { first: 7, last: 11 });         // [750, 1050)
});

test('uneven widths: the window follows the columns\' real positions', () => {
  const widths = [50, 2000, ...Array.from({ length: 20 }, () => 60)];
  const w = columnWindow(widths, 2100, 300);                                          // [1800, 2700)
  assert.equal(w.first, 1);
  assert.equal(w.last, 2 + Math.ceil((2700 - 2050) / 60));
});
