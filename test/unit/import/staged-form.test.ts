// The staged form's one owner: a form is made for the rule that takes the content, kept only for that rule,
// and restore() gives the content back byte for byte, whichever form it was.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formIsFor, keepFormFor, restore, toStagedForm, type FormRule, type StagedForm } from '../../../electron/core/intake/staged-form';
import { tempDir } from '../../helpers/temp';

const TRAIL_RULE: FormRule = { recordLines: { prefix: '{"Records":[', recordStart: '{"eventVersion":' } };
const LINES_RULE: FormRule = { numberedLines: { source: 'lines', header: '^version ', record: '^\\d+ ', maxLineBytes: 1024 } };
const TRAIL = Buffer.from('{"Records":[{"eventVersion":"1","a":1},{"eventVersion":"2","b":[{"c":2}]}]}\n');
const LINES = Buffer.from('version account\n2 123\n2 456');

/** Writes what staging would: the form's bytes, one after the other. */
function stagedCopy(content: Buffer, rules: FormRule[]): { stagedPath: string; form: StagedForm } {
  const formed = toStagedForm(content, rules)!;
  const stagedPath = join(tempDir(), 'staged');
  writeFileSync(stagedPath, Buffer.isBuffer(formed.data) ? formed.data : Buffer.concat(formed.data.pieces));
  return { stagedPath, form: formed.form };
}

test('each rule takes only its content; record lines are tried first; content no rule takes stays as it is', () => {
  const trail = toStagedForm(TRAIL, [LINES_RULE, TRAIL_RULE]);
  assert.ok(trail?.form.recordLines, 'a trail file is record lines whatever the order of the rules');
  assert.equal(trail.form.numberedLines, undefined);
  const lines = toStagedForm(LINES, [TRAIL_RULE, LINES_RULE]);
  assert.ok(lines?.form.numberedLines);
  assert.equal(lines.form.recordLines, undefined);
  assert.equal(toStagedForm(Buffer.from('a,b\n1,2\n'), [TRAIL_RULE, LINES_RULE]), null);
  assert.equal(toStagedForm(TRAIL, []), null);
});

test('restore() gives back the content of either form byte for byte and forgets the form; a plain copy is left alone', async () => {
  for (const [content, rule] of [[TRAIL, TRAIL_RULE], [LINES, LINES_RULE]] as const) {
    const s = stagedCopy(content, [rule]);
    const copy = { stagedPath: s.stagedPath, ...s.form };
    assert.notDeepEqual(readFileSync(copy.stagedPath), content, 'the staged form differs from the content');
    await restore(copy);
    assert.deepEqual(readFileSync(copy.stagedPath), content);
    assert.equal(copy.recordLines, undefined);
    assert.equal(copy.numberedLines, undefined);
    await restore(copy); // nothing left to undo
    assert.deepEqual(readFileSync(copy.stagedPath), content);
  }
});

test('a form is kept for the rule that made it and undone for any other reader', async () => {
  const s = stagedCopy(LINES, [LINES_RULE]);
  assert.equal(formIsFor(LINES_RULE, s.form), true);
  assert.equal(formIsFor({ numberedLines: { source: 'other', header: '^version ', record: '^\\d+ ', maxLineBytes: 1024 } }, s.form), false);
  assert.equal(formIsFor(TRAIL_RULE, s.form), false);
  assert.equal(formIsFor(undefined, s.form), false);
  assert.equal(formIsFor(undefined, {}), true, 'a copy as it was is every reader\'s');
  const kept = { stagedPath: s.stagedPath, ...s.form };
  await keepFormFor(LINES_RULE, kept);
  assert.ok(kept.numberedLines);
  await keepFormFor(undefined, kept);
  assert.equal(kept.numberedLines, undefined);
  assert.deepEqual(readFileSync(kept.stagedPath), LINES);
});
