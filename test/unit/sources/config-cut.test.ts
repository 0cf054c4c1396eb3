// AWS Config history files as AWS writes them (one compact document) are cut into their items' bytes, not parsed
// in Node (decision 0029). Every such file must land exactly as the document way lands it, and any file the cut
// cannot take as it is (a cut inside an item, an item that would be rejected, text only DuckDB takes) is read the
// document way instead. The document way is reached here by a space in the file's head, which the cut refuses.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { tempDir } from '../../helpers/temp';

const NAME = '111122223333_Config_us-east-1_ConfigHistory_AWS__S3__Bucket_20240305T120005Z_20240305T122000Z_1.json';

const item = (i: number): string => `{"relatedEvents":["e${i}"],"relationships":[{"resourceId":"vpc-${i}","name":"Is contained in"},{"resourceId":"sg-${i}","name":"Is associated with"}],` +
  `"configuration":{"name":"b\\u00e9${i}","owner":{"id":"o${i}"},"rules":[{"a":1,"b":[true,null,2.5]},{"a":-3}]},"supplementaryConfiguration":{},"tags":{"team":"t${i}"},` +
  `"configurationItemVersion":"1.3","configurationItemCaptureTime":"2024-03-05T12:00:0${i % 10}.000Z","configurationStateId":${1709632800000 + i},"awsAccountId":"111122223333",` +
  `"configurationItemStatus":"OK","resourceType":"AWS::S3::Bucket","resourceId":"bucket-${i}","resourceName":"bucket-${i}","ARN":"arn:aws:s3:::bucket-${i}","awsRegion":"us-east-1"}`;
const compact = (items: string[]): string => `{"fileVersion":"1.0","configurationItems":[${items.join(',')}]}`;
/** The same document with a space in its head: the cut does not take it, the document way reads it. */
const spaced = (doc: string): string => doc.replace('"fileVersion":"1.0",', '"fileVersion":"1.0", ');

type Row = Record<string, unknown>;
interface Landed { status: string; imported: number; rejected: number; reason: string; rows: Row[]; rejects: Row[] }

async function land(doc: string): Promise<Landed> {
  const c = await newCase();
  const dir = tempDir();
  writeFileSync(join(dir, NAME), doc);
  const [f] = (await importEvidence(c, [dir])).files;
  const conn = c.forImport().conn;
  const rows = (await conn.runAndReadAll('SELECT * EXCLUDE (_evidence_id) FROM config_items ORDER BY _ordinal')).getRowObjectsJS();
  const rejects = (await conn.runAndReadAll('SELECT ordinal, line, byte_offset, reason, raw FROM cairn_rejects ORDER BY ordinal')).getRowObjectsJS();
  await c.close();
  return { status: f!.status, imported: f!.imported, rejected: f!.rejected, reason: f!.reason ?? '', rows, rejects };
}

/** Lands the compact document and its spaced twin; both must land alike, row for row and reject for reject. */
async function landsAsTheDocumentWay(doc: string): Promise<Landed> {
  const cut = await land(doc);
  const whole = await land(spaced(doc));
  // The twin's space moves a JSON error's position by one.
  const same = (l: Landed): Landed => ({ ...l, reason: l.reason.replace(/position \d+/, 'position N') });
  assert.deepEqual(same(cut), same(whole));
  return cut;
}

test('a compact history file: every item lands as the document way lands it', async () => {
  const got = await landsAsTheDocumentWay(compact(Array.from({ length: 50 }, (_, i) => item(i))));
  assert.deepEqual([got.status, got.imported, got.rejected], ['imported', 50, 0]);
});

test('the cut keeps what the document way would round: a 20-digit number in configuration stays as written', async () => {
  const doc = compact([item(1), item(2).replace('"owner":{"id":"o2"}', '"owner":{"id":"o2","n":12345678901234567890}')]);
  const cut = await land(doc);
  assert.deepEqual([cut.status, cut.imported], ['imported', 2]);
  const configuration = String(cut.rows[1]?.configuration);
  assert.match(configuration, /"n":12345678901234567890/, configuration);
  const whole = await land(spaced(doc));
  assert.match(String(whole.rows[1]?.configuration), /"n":12345678901234567000/);
});

test('an item holding an object that starts like an item: the cut falls inside it, and the file is read the document way', async () => {
  const nested = item(3).replace('"tags":{"team":"t3"}', '"tags":{"x":[{"a":1},{"relatedEvents":["inner"],"b":2}]}');
  const got = await landsAsTheDocumentWay(compact([item(1), nested, item(4)]));
  assert.deepEqual([got.status, got.imported], ['imported', 3]);
});

test('an item starting with another key: two items in one cut, and the file is read the document way', async () => {
  const other = '{"resourceType":"AWS::IAM::Role","configurationItemCaptureTime":"2024-03-05T13:00:00.000Z","resourceId":"r"}';
  const got = await landsAsTheDocumentWay(compact([item(5), other, item(8)]));
  assert.deepEqual([got.status, got.imported, got.rejected], ['imported', 3, 0]);
});

test('items the table rejects: the file is read the document way, each reject with its place, reason and text', async () => {
  const noType = item(6).replace('"resourceType":"AWS::S3::Bucket",', '');
  const badId = item(7).replace(/"configurationStateId":\d+/, '"configurationStateId":"many"');
  const got = await landsAsTheDocumentWay(compact([item(5), noType, badId, item(8)]));
  assert.deepEqual([got.status, got.imported, got.rejected], ['imported_with_rejects', 2, 2]);
  assert.deepEqual(got.rejects.map((r) => r.reason), ['missing key resourceType', 'configurationStateId: not an integer ("many")']);
});

test('text only DuckDB takes (NaN, a trailing comma), or neither (0x1F, the copy\'s separator): the file fails as the document way fails it', async () => {
  for (const odd of [item(9).replace('"a":-3', '"a":NaN'), item(9).replace('"team":"t9"', '"team":"t9",'), item(9).replace('"team":"t9"', '"team":"t\x1f9"')]) {
    const got = await landsAsTheDocumentWay(compact([item(1), odd]));
    assert.equal(got.status, 'failed');
    assert.match(got.reason, /JSON/); // the reason itself: the document way's, compared above
  }
});
