// Pure parts of the findings UI: row selection (click / Shift / Ctrl semantics as ranges) and the safe
// Markdown reader (a tree of strings: nothing in a note can become markup or a live link).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInline, parseMarkdown, plainText } from '../../../shared/markdown-lite';
import { extendTo, isSelected, NO_SELECTION, selectedCount, selectedOffsets, selectOnly, selectRange, toggle } from '../../../renderer/stores/row-selection';

describe('row selection', () => {
  test('click, Ctrl-click, Shift-click', () => {
    let s = selectOnly(5);
    s = toggle(s, 9);                   // 5, 9
    s = extendTo(s, 12);                // 5, 9..12 (extends from the anchor 9, keeps 5)
    assert.deepEqual(selectedOffsets(s), [5, 9, 10, 11, 12]);
    s = extendTo(s, 7);                 // re-extending replaces the previous span: 5, 7..9
    assert.deepEqual(selectedOffsets(s), [5, 7, 8, 9]);
    s = toggle(s, 8);
    assert.deepEqual(selectedOffsets(s), [5, 7, 9]);
    assert.equal(isSelected(s, 8), false);
    assert.equal(isSelected(s, 9), true);
    s = selectOnly(3);
    assert.deepEqual(selectedOffsets(s), [3]);
  });
  test('Shift with no anchor starts at the clicked row; adjacent ranges merge', () => {
    assert.deepEqual(selectedOffsets(extendTo(NO_SELECTION, 4)), [4]);
    const s = toggle(toggle(selectOnly(1), 2), 3);
    assert.deepEqual(s.ranges, [[1, 3]]);
  });
  test('a million-row range stays one range; offsets are capped by the caller\'s limit', () => {
    const s = selectRange(0, 999_999);
    assert.equal(s.ranges.length, 1);
    assert.equal(selectedCount(s), 1_000_000);
    assert.equal(selectedOffsets(s, 10).length, 10);
    assert.equal(isSelected(s, 999_999), true);
    assert.equal(isSelected(s, 1_000_000), false);
  });
});

describe('markdown-lite', () => {
  test('paragraphs, headings, lists, code, emphasis', () => {
    const b = parseMarkdown('# Title\n\nsome *em* and **strong** and `x<y`\n\n- a\n- b\n\n1. one\n2. two\n\n```\n<b>raw</b>\n```');
    assert.deepEqual(b.map((x) => x.t), ['heading', 'para', 'list', 'list', 'code']);
    assert.deepEqual(b[1], { t: 'para', c: [{ t: 'text', v: 'some ' }, { t: 'em', c: [{ t: 'text', v: 'em' }] }, { t: 'text', v: ' and ' }, { t: 'strong', c: [{ t: 'text', v: 'strong' }] }, { t: 'text', v: ' and ' }, { t: 'code', v: 'x<y' }] });
    assert.equal(b[4]!.t === 'code' && b[4]!.v, '<b>raw</b>');
  });
  test('underscores inside words are not emphasis', () => {
    assert.deepEqual(parseInline('user_name and snake_case_id'), [{ t: 'text', v: 'user_name and snake_case_id' }]);
    assert.deepEqual(parseInline('_em_')[0], { t: 'em', c: [{ t: 'text', v: 'em' }] });
  });
  test('raw HTML stays text; links and images are text with their target, never live', () => {
    const c = parseInline('<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![i](http://evil/x.png)');
    assert.deepEqual(c[0], { t: 'text', v: '<img src=x onerror=alert(1)> ' });
    assert.deepEqual(c[1], { t: 'link', label: 'click', url: 'javascript:alert(1)', image: false });
    assert.deepEqual(c[3], { t: 'link', label: 'i', url: 'http://evil/x.png', image: true });
    assert.equal(plainText('[click](javascript:alert(1))'), 'click (javascript:alert(1))');
  });
  test('unbalanced and pathological input terminates and keeps every character', () => {
    const src = `${'*'.repeat(5000)}${'['.repeat(2000)}\`\`\``;
    const flat = (x: ReturnType<typeof parseInline>): string => x.map((n) => (n.t === 'text' || n.t === 'code' ? n.v : n.t === 'link' ? n.label : flat(n.c))).join('');
    const started = Date.now();
    const out = parseInline(src);
    assert.ok(Date.now() - started < 2000);
    assert.equal(flat(out).length, src.length);
  });
});
