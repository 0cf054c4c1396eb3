import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeManifest, pageManifest, queryManifest } from '../../../shared/evidence-manifest';
import type { EvidenceFile, FileStatus } from '../../../shared/types';

function file(id: number, region: string, day: string, status: FileStatus, size = id): EvidenceFile {
  return {
    id, sha256: id.toString(16).padStart(64, '0'), size, mtime: '', originalPath: `/e/${id}`, compression: 'gzip', uncompressedSize: null,
    relPath: `AWSLogs/111122223333/CloudTrail/${region}/2024/05/${day}/f${id}.json.gz`, format: 'cloudtrail', status,
    reason: status === 'pending' ? 'not imported: import #1 was cancelled' : null, recordsRead: 2, imported: status === 'pending' ? 0 : 2, rejected: 0, tables: [], addedAt: '',
  };
}

const files = [file(1, 'us-east-1', '01', 'imported'), file(2, 'eu-west-1', '01', 'pending', 50), file(3, 'us-east-1', '02', 'imported', 7), file(4, 'eu-west-1', '02', 'failed'),
  { ...file(5, 'x', '01', 'unsupported'), relPath: 'notes.txt', originalPath: '/e/notes.txt', format: null }];

test('filters, sorts and pages in the core; each row carries its place', () => {
  const p = queryManifest(files, { offset: 0, limit: 2, filter: { region: 'eu-west-1' }, sort: { column: 'size', descending: true } });
  assert.equal(p.total, 2);
  assert.deepEqual(p.rows.map((r) => [r.id, r.account, r.region, r.day]), [[2, '111122223333', 'eu-west-1', '2024-05-01'], [4, '111122223333', 'eu-west-1', '2024-05-02']]);
  assert.deepEqual(queryManifest(files, { offset: 1, limit: 1 }).rows.map((r) => r.id), [2]);
  assert.deepEqual(queryManifest(files, { offset: 0, limit: 10, filter: { text: 'CANCELLED' } }).rows.map((r) => r.id), [2], 'text matches the reason');
  assert.deepEqual(queryManifest(files, { offset: 0, limit: 10, filter: { format: '-' } }).rows.map((r) => [r.id, r.region]), [[5, '-']], 'a file with no S3 place');
  assert.deepEqual(placeManifest(files).facets.region, ['-', 'eu-west-1', 'us-east-1']);
});

test('groups count files, not-imported and problem files per key', () => {
  const placed = placeManifest(files);
  const g = pageManifest(placed, { offset: 0, limit: 0, groupBy: 'region' }).groups!;
  assert.deepEqual(g.map((x) => [x.key, x.files, x.imported, x.notImported, x.problems]), [['-', 1, 2, 0, 1], ['eu-west-1', 2, 2, 1, 1], ['us-east-1', 2, 4, 0, 0]]);
  assert.deepEqual(pageManifest(placed, { offset: 0, limit: 0, groupBy: 'day', filter: { status: 'imported' } }).groups!.map((x) => [x.key, x.files]), [['2024-05-01', 1], ['2024-05-02', 1]]);
});
