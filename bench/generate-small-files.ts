// Writes a case-sized number of small CloudTrail files ({"Records":[...]} .json.gz, 1-4 events each) in the S3
// delivery layout, across the bench's accounts and regions and one delivery file per slot and pair: the shape
// of a real 10^5-file trail, without 10^7 events. A few problem files ride along (one unsupported text file and
// one truncated gzip per `problemEvery` files, 20,000 by default) so a report of it has something in each of its problem lists.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ACCOUNTS, REGIONS } from './cloudtrail-world';
import { compactStamp, isoSeconds } from './gzip-writer';
import type { Rng } from './rng';

const START_MS = Date.UTC(2024, 2, 1, 0, 0, 0);
const SLOT_MS = 5 * 60 * 1000;
const NAMES = [['iam.amazonaws.com', 'ListUsers'], ['s3.amazonaws.com', 'GetObject'], ['sts.amazonaws.com', 'AssumeRole'], ['ec2.amazonaws.com', 'DescribeInstances'],
  ['signin.amazonaws.com', 'ConsoleLogin'], ['kms.amazonaws.com', 'Decrypt']] as const;

export interface SmallFiles { files: number; records: number; gzBytes: number; problemFiles: number }

export function generateSmallFiles(outDir: string, files: number, rng: Rng, problemEvery = 20_000): SmallFiles {
  const out: SmallFiles = { files: 0, records: 0, gzBytes: 0, problemFiles: 0 };
  const pairs = ACCOUNTS.flatMap((account) => REGIONS.map((region) => ({ account, region })));
  const write = (rel: string, bytes: Buffer): void => {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    out.files++;
    out.gzBytes += bytes.length;
  };
  for (let k = 0; out.files < files; k++) {
    const { account, region } = pairs[k % pairs.length]!;
    const fileMs = START_MS + Math.floor(k / pairs.length) * SLOT_MS + rng.int(0, 59) * 1000;
    const day = isoSeconds(fileMs).slice(0, 10).replace(/-/g, '/');
    const dir = `AWSLogs/${account}/CloudTrail/${region}/${day}`;
    if (k > 0 && k % problemEvery === 0 && out.files + 2 <= files) {
      write(`${dir}/notes-${k}.txt`, Buffer.from(`analyst scratch file ${k}\n`));
      write(`${dir}/${account}_CloudTrail_${region}_${compactStamp(fileMs)}_TRUNC${k}.json.gz`, gzipSync(`{"Records":[{"eventID":"truncated-${k}"}]}`).subarray(0, -6));
      out.problemFiles += 2;
      continue;
    }
    const n = rng.int(1, 4);
    const records: string[] = [];
    for (let i = 0; i < n; i++) {
      const [source, name] = rng.pick(NAMES);
      const t = isoSeconds(fileMs - SLOT_MS + Math.floor(((i + rng.next()) / n) * SLOT_MS));
      records.push(JSON.stringify({
        eventVersion: '1.10', userIdentity: { type: 'IAMUser', principalId: `AIDA${rng.upper(16)}`, arn: `arn:aws:iam::${account}:user/u${rng.int(1, 40)}`, accountId: account, userName: `u${rng.int(1, 40)}` },
        eventTime: t, eventSource: source, eventName: name, awsRegion: region, sourceIPAddress: `203.0.113.${rng.int(1, 254)}`, userAgent: 'aws-cli/2.15.30',
        requestParameters: null, responseElements: null, requestID: rng.hex(32), eventID: rng.hex(32), readOnly: true, eventType: 'AwsApiCall',
        managementEvent: true, recipientAccountId: account, eventCategory: 'Management',
      }));
    }
    write(`${dir}/${account}_CloudTrail_${region}_${compactStamp(fileMs)}_${rng.upper(16)}.json.gz`, gzipSync(`{"Records":[${records.join(',')}]}`));
    out.records += n;
  }
  return out;
}
