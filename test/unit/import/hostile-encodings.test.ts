// Issue #28: CloudTrail in UTF-16 and gzip inside gzip are events, not "unsupported". Through the real
// orchestrator (staging threads, manifest, DuckDB), with files written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Case } from '../../../electron/core/case/case';
import { importEvidence } from '../../../electron/core/import/import-service';
import { tempDir } from '../../helpers/temp';

const event = (i: number): string =>
  `{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","userName":"zoë"},"eventTime":"2024-03-01T10:00:0${i}Z",` +
  `"eventSource":"iam.amazonaws.com","eventName":"GetUser","eventID":"e${i}","recipientAccountId":"111122223333"}`;

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

test('UTF-16 CloudTrail (LE/BE, with and without BOM) and gzip inside gzip import, and say what was done', async () => {
  const dir = tempDir();
  const doc = (n: number): string => `{"Records":[${[1, 2, 3].map((i) => event(i + n)).join(',')}]}`;
  const files: Record<string, Buffer> = {
    'le-bom.json': utf16(doc(0), 'le', true), 'le.json': utf16(doc(1), 'le', false),
    'be-bom.json': utf16(doc(2), 'be', true), 'be.json': utf16(`[${event(3)},${event(4)},${event(5)}]`, 'be', false),
    'le-lines.json.gz': gzipSync(utf16([7, 8, 9].map(event).join('\r\n') + '\r\n', 'le', true)),
    'twice.json.gz': gzipSync(gzipSync(doc(5))),
    'thrice.json.gz': gzipSync(gzipSync(gzipSync(doc(6)))),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const c = await Case.open(join(tempDir(), 'case'), { create: { name: 't', examiner: 't' } });
  try {
    const s = await importEvidence(c, [dir]);
    const by = Object.fromEntries(s.files.map((f) => [f.relPath, f]));
    for (const name of ['le-bom.json', 'le.json', 'be-bom.json', 'be.json', 'le-lines.json.gz']) {
      assert.deepEqual([by[name]?.status, by[name]?.recordsRead, by[name]?.imported], ['imported', 3, 3], name);
      assert.match(by[name]?.reason ?? '', /^transcoded from UTF-16(LE|BE) to UTF-8/, name);
    }
    assert.match(by['be.json']?.reason ?? '', /UTF-16BE/);
    assert.deepEqual([by['twice.json.gz']?.status, by['twice.json.gz']?.imported, by['twice.json.gz']?.reason], ['imported', 3, 'gzip inside gzip: both layers decompressed']);
    assert.equal(by['thrice.json.gz']?.status, 'failed');
    assert.match(by['thrice.json.gz']?.reason ?? '', /^gzip inside gzip inside gzip/);
    // Independent count: the names survive transcoding (a non-ASCII character), one row per event written.
    const r = (await c.forImport().conn.runAndReadAll(`SELECT count(*), count(DISTINCT eventid), count(*) FILTER (WHERE useridentity.username = 'zoë') FROM cloudtrail`)).getRowsJS()[0]!;
    assert.deepEqual(r.map(Number), [18, 9, 18]);
    assert.ok(c.forImport().store.auditLog().some((e) => e.action === 'evidence.staged'));
  } finally { await c.close(); }
});
