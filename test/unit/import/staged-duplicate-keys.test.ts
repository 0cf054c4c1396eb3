// The duplicate-key scan of CloudTrail record lines runs on the staging thread that cuts the records (decision
// 0030): its findings ride on the staged file and are what the import writes to cairn_record_flags.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Case } from '../../../electron/core/case/case';
import { importEvidence } from '../../../electron/core/import/import-service';
import { toRecordLines } from '../../../electron/core/intake/record-lines';
import { TRAIL_RECORD_ARRAY } from '../../../electron/core/sources/cloudtrail/import-cloudtrail';
import { tempDir } from '../../helpers/temp';

const RECORD = '{"eventVersion":"1.08","eventTime":"2024-03-01T00:00:00Z","eventSource":"iam.amazonaws.com","eventName":"GetUser"}';
const DUPLICATE = '{"eventVersion":"1.08","eventTime":"2024-03-01T00:01:00Z","eventSource":"iam.amazonaws.com","eventName":"GetUser","userIdentity":{"userName":"alice","username":"mallory"},"eventName":"DeleteUser"}';
const DOCUMENT = `{"Records":[${RECORD},${DUPLICATE},${RECORD}]}`;

test('cutting record lines scans each record when the layout asks, with the line\'s ordinal', () => {
  const found = toRecordLines(Buffer.from(DOCUMENT), TRAIL_RECORD_ARRAY)!.lines.duplicateKeys;
  assert.deepEqual(found, [
    { ordinal: 2, path: '$.userIdentity', detail: '$.userIdentity: "userName" = "alice"; "username" = "mallory"' },
    { ordinal: 2, path: '$', detail: '$: "eventName" = "GetUser"; "eventName" = "DeleteUser"' },
  ]);
  assert.equal(toRecordLines(Buffer.from(DOCUMENT), { ...TRAIL_RECORD_ARRAY, duplicateKeys: false })!.lines.duplicateKeys, undefined);
});

test('an import writes the staging thread\'s findings as the record\'s flags', async () => {
  const input = join(tempDir(), 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'trail.json'), DOCUMENT);
  const c = await Case.open(join(tempDir(), 'case'), { create: { name: 'staged flags', examiner: 't' } });
  try {
    const summary = await importEvidence(c, [input]);
    assert.equal(summary.totals.imported, 3);
    const flags = await c.readEvidence(async (conn) => (await conn.runAndReadAll('SELECT ordinal, flag, path FROM cairn_record_flags ORDER BY path')).getRowsJS());
    assert.deepEqual(flags, [[2n, 'duplicate-key', '$'], [2n, 'duplicate-key', '$.userIdentity']]);
  } finally {
    await c.close();
  }
});
