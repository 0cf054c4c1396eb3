// Issue #28 / decision 0030: a record with duplicate JSON keys keeps DuckDB's first exact-case value in its
// columns, both values stay findable (_raw and the flag's detail), and the record is flagged where the
// analyst sees it: cairn_record_flags (analyst SQL), and the file's reason in `cairn import` and `cairn info`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeDuplicateKeys, findDuplicateKeys, mayHaveDuplicateKeys } from '../../electron/core/sources/cloudtrail/duplicate-keys';
import { runCli } from '../helpers/cli';
import { SAMPLES, tempDir } from '../helpers/temp';

const scan = (text: string): { may: boolean; found: string[] } => {
  const b = Buffer.from(text);
  return { may: mayHaveDuplicateKeys(b, 0, b.length), found: findDuplicateKeys(b, 0, b.length).map(describeDuplicateKeys) };
};

test('the scanner: same key twice, case variants, escaped spellings, at any depth; strings and arrays are not keys', () => {
  assert.deepEqual(scan('{"a":1,"a":2}'), { may: true, found: ['$: "a" = 1; "a" = 2'] });
  assert.deepEqual(scan('{"u":{"userName":"alice","username":"mallory"}}').found, ['$.u: "userName" = "alice"; "username" = "mallory"']);
  assert.deepEqual(scan('{"r":[{"x":1},{"k":{"z":[1,{"}":"{"}]},"K":"v"}]}').found, ['$.r[1]: "k" = {"z":[1,{"}":"{"}]}; "K" = "v"']);
  assert.deepEqual(scan('{"user\\u004eame":1,"userName":2}').found, ['$: "userName" = 1; "userName" = 2']);
  for (const clean of ['{"a":"a","b":["a","a"],"c":{"a":1},"d":{"a":2}}', '{"s":"\\"a\\":1,\\"a\\":2"}', '{"a":1,"b":{"a":1,"b":1}}', '[]', '"a"', '{"a":', '}}]]{"']) {
    assert.deepEqual(scan(clean), { may: false, found: [] }, clean);
  }
  // A hostile object of 100,000 keys stays linear (the per-object hash set takes over past 32 keys).
  const wide = '{' + Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',') + ',"K99999":2}';
  assert.deepEqual(scan(wide).found, ['$: "k99999" = 1; "K99999" = 2']);
});

test('the real samples have no duplicate keys (no false flags)', () => {
  for (const dir of ['cloudtrail']) {
    for (const f of readdirSync(join(SAMPLES, dir))) {
      const b = readFileSync(join(SAMPLES, dir, f));
      assert.equal(mayHaveDuplicateKeys(b, 0, b.length), false, f);
    }
  }
});

const event = (i: number, identity: string): string =>
  `{"eventVersion":"1.09","userIdentity":${identity},"eventTime":"2024-03-01T10:00:0${i}Z",` +
  `"eventSource":"iam.amazonaws.com","eventName":"GetUser","eventID":"e${i}","recipientAccountId":"111122223333"}`;

test('through the CLI, every layout: first exact-case value in the columns, both findable, the record flagged and shown', async () => {
  const evidence = tempDir();
  const dup = event(2, '{"type":"IAMUser","userName":"alice","username":"mallory","userName":"bob"}');
  const records = [event(1, '{"type":"IAMUser","userName":"carol"}'), dup, event(3, '{"type":"IAMUser","userName":"dave"}')];
  writeFileSync(join(evidence, 'compact.json'), `{"Records":[${records.join(',')}]}`);
  writeFileSync(join(evidence, 'pretty.json'), `{\n  "Records": [\n    ${records.join(',\n    ')}\n  ]\n}\n`);
  writeFileSync(join(evidence, 'array.json'), `[${records.join(',')}]`);
  writeFileSync(join(evidence, 'lines.jsonl'), records.join('\n') + '\n');
  // The same key twice at the top, and a record that is rejected anyway: no flag for it.
  writeFileSync(join(evidence, 'top.jsonl'), event(4, '{"type":"IAMUser","userName":"erin"}').replace('"eventName":"GetUser"', '"eventName":"GetUser","eventName":"DeleteUser"') + '\n' +
    '{"eventName":"X","eventName":"Y","eventTime":"not a time"}\n');
  const caseDir = join(tempDir(), 'case');
  const imp = await runCli(['import', '--case', caseDir, '--name', 'dup', '--examiner', 't', '--json', evidence]);
  assert.equal(imp.code, 3, imp.out + imp.err); // top.jsonl has a rejected record
  const files = (JSON.parse(imp.out) as { files: Array<{ relPath: string; reason: string }> }).files;
  for (const f of ['compact.json', 'pretty.json', 'array.json', 'lines.jsonl', 'top.jsonl']) {
    assert.match(files.find((x) => x.relPath.endsWith(f))?.reason ?? '', /1 record\(s\) flagged; see cairn_record_flags/, f);
  }

  const q = async (sql: string): Promise<string[][]> => {
    const r = await runCli(['query', '--case', caseDir, '--format', 'json', sql]);
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as { rows: string[][] }).rows ?? JSON.parse(r.out);
  };
  const named = await q(`SELECT useridentity.username AS u, _raw->>'$.userIdentity.userName' AS raw_first, _raw LIKE '%"username":"mallory"%' AND _raw LIKE '%"userName":"bob"%' AS both_kept
    FROM cloudtrail WHERE eventid = 'e2' ORDER BY _evidence_id`);
  assert.equal(named.length, 4);
  for (const row of named) assert.deepEqual(Object.values(row).map(String), ['alice', 'alice', 'true']);
  const flags = await q(`SELECT f.flag, f.path, f.detail FROM cairn_record_flags f
    JOIN cloudtrail c ON c._evidence_id = f.evidence_id AND c._ordinal = f.ordinal
    ORDER BY c.eventid, f.evidence_id`);
  assert.equal(flags.length, 5);
  const details = flags.map((r) => Object.values(r).map(String));
  for (const d of details.slice(0, 4)) assert.deepEqual(d, ['duplicate-key', '$.userIdentity', '$.userIdentity: "userName" = "alice"; "username" = "mallory"; "userName" = "bob"']);
  assert.deepEqual(details[4], ['duplicate-key', '$', '$: "eventName" = "GetUser"; "eventName" = "DeleteUser"']);
  assert.equal(String(Object.values((await q(`SELECT eventname FROM cloudtrail WHERE eventid = 'e4'`))[0]!)[0]), 'GetUser');

  const info = await runCli(['info', '--case', caseDir, '--json']);
  assert.equal((info.out.match(/1 record\(s\) flagged; see cairn_record_flags/g) ?? []).length, 5, info.out);
});
