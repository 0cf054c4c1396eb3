// Expected counts for the bundled samples, computed here from the files themselves (JSON.parse and line
// counting), independently of Cairn's importers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './electron-binary';

export const SAMPLES = join(REPO_ROOT, 'test', 'fixtures', 'samples');
export const CLOUDTRAIL_DIR = join(SAMPLES, 'cloudtrail');
export const VPCFLOW_DIR = join(SAMPLES, 'vpcflow');

export interface CloudTrailRecord { eventName: string; eventSource: string; [k: string]: unknown }

export function cloudTrailRecords(): Map<string, CloudTrailRecord[]> {
  const out = new Map<string, CloudTrailRecord[]>();
  for (const f of readdirSync(CLOUDTRAIL_DIR).sort()) {
    const doc = JSON.parse(readFileSync(join(CLOUDTRAIL_DIR, f), 'utf8')) as CloudTrailRecord[] | { Records: CloudTrailRecord[] };
    out.set(f, Array.isArray(doc) ? doc : doc.Records);
  }
  return out;
}

/** Flow log records: non-empty lines that are not the header (which starts with the field name "version"). */
export function flowLogRecords(): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of readdirSync(VPCFLOW_DIR).sort()) {
    const lines = readFileSync(join(VPCFLOW_DIR, f), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    out.set(f, lines.filter((l) => !/^version\s/.test(l)).length);
  }
  return out;
}

export function eventNameCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const records of cloudTrailRecords().values()) for (const r of records) counts.set(r.eventName, (counts.get(r.eventName) ?? 0) + 1);
  return counts;
}
