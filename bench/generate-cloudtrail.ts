// Writes benchmark CloudTrail: {"Records":[...]} .json.gz files in the S3 delivery layout
// AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<rand>.json.gz,
// one file per account, region and ~5-minute delivery slot: ~500 events per file on average, or with
// `mixed` sizes, busy and quiet account/region pairs side by side, closer to real trails.
import type { Rng } from './rng';
import { ACCOUNTS, PRINCIPALS, REGIONS, type Principal } from './cloudtrail-world';
import { CALLS, type Call, type Ctx } from './cloudtrail-events';
import { compactStamp, GzipWriter, isoSeconds, meanSized, type GeneratedFiles } from './gzip-writer';

const START_MS = Date.UTC(2024, 2, 1, 0, 0, 0);
const SLOT_MS = 5 * 60 * 1000;
const TLS: readonly (readonly [number, string])[] = [[60, 'TLSv1.3'], [38, 'TLSv1.2'], [1.2, 'TLSv1.1'], [0.8, 'TLSv1']];
const CIPHERS: Record<string, string> = { 'TLSv1.3': 'TLS_AES_128_GCM_SHA256', 'TLSv1.2': 'ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.1': 'ECDHE-RSA-AES128-SHA', TLSv1: 'AES128-SHA' };
const principalWeights = PRINCIPALS.map((p) => [p.weight, p] as const);
const callWeights = CALLS.map((c) => [c.weight, c] as const);
const SERVICE_CALLS = CALLS.filter((c) => c.source === 'kms.amazonaws.com' || c.name === 'AssumeRole' || c.name === 'CreateLogStream');

/** How many events a delivery file holds: about the same in every file, or mixed by account and region. */
export type FileSizes = 'uniform' | 'mixed';
export const FILE_SIZES: readonly FileSizes[] = ['uniform', 'mixed'];
/**
 * Mean events per file for each account and region (ACCOUNTS x REGIONS, in that order) with `mixed` sizes:
 * the first account's us-east-1, where global services log, is busy; its other regions and the second
 * account are quieter, down to a few events per file. 1M events with the bench's seed: 583 files, the 98 of
 * the busy pair holding 77% of the events.
 */
const MIXED_MEANS = [8000, 600, 20, 1500, 60, 8];

export async function generateCloudTrail(outDir: string, totalEvents: number, rng: Rng, sizes: FileSizes = 'uniform'): Promise<GeneratedFiles> {
  const writer = new GzipWriter(outDir);
  const combos = ACCOUNTS.flatMap((account) => REGIONS.map((region) => ({ account, region })));
  if (MIXED_MEANS.length !== combos.length) throw new Error('MIXED_MEANS needs one mean per account and region');
  let left = totalEvents;
  for (let slot = 0; left > 0; slot++) {
    const { account, region } = combos[slot % combos.length]!;
    const fileMs = START_MS + Math.floor(slot / combos.length) * SLOT_MS + rng.int(0, 59) * 1000;
    const n = Math.min(left, meanSized(rng, sizes === 'mixed' ? MIXED_MEANS[slot % combos.length]! : 500));
    left -= n;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = fileMs - SLOT_MS + Math.floor(((i + rng.next()) / n) * SLOT_MS); // sorted within the file
      parts.push(JSON.stringify(event(rng, { account, region, time: isoSeconds(t) })));
    }
    const day = isoSeconds(fileMs).slice(0, 10).replace(/-/g, '/');
    const rel = `AWSLogs/${account}/CloudTrail/${region}/${day}/${account}_CloudTrail_${region}_${compactStamp(fileMs)}_${rng.upper(16)}.json.gz`;
    await writer.write(rel, `{"Records":[${parts.join(',')}]}`, n);
  }
  return writer.finish();
}

function event(rng: Rng, c: Ctx): Record<string, unknown> {
  const who = rng.weighted(principalWeights);
  const call = pickCall(rng, who);
  const identity = who.identity(rng, c.account, c.time);
  const denied = call.denied !== undefined && who.kind !== 'service' && rng.chance(who.kind === 'user' && String(identity.userName).startsWith('mallory') ? 0.7 : 0.02);
  const ev: Record<string, unknown> = {
    eventVersion: call.category === 'Data' ? '1.09' : '1.10',
    userIdentity: identity,
    eventTime: c.time,
    eventSource: call.source,
    eventName: call.name,
    awsRegion: c.region,
    sourceIPAddress: who.kind === 'service' ? identity.invokedBy : who.sourceIp(rng),
    userAgent: who.userAgent(rng),
  };
  if (denied) {
    ev.errorCode = call.denied;
    ev.errorMessage = `User: ${String(identity.arn)} is not authorized to perform: ${call.source.split('.')[0]}:${call.name} because no identity-based policy allows the ${call.source.split('.')[0]}:${call.name} action`;
  }
  ev.requestParameters = call.request(rng, c);
  ev.responseElements = !denied && call.response ? call.response(rng, c) : null;
  if (call.additional) ev.additionalEventData = call.additional(rng, c);
  ev.requestID = call.source === 's3.amazonaws.com' ? rng.upper(16) : rng.uuid();
  ev.eventID = rng.uuid();
  ev.readOnly = call.readOnly;
  if (call.resources) ev.resources = call.resources(rng, c);
  ev.eventType = call.name === 'ConsoleLogin' ? 'AwsConsoleSignIn' : 'AwsApiCall';
  ev.managementEvent = call.category !== 'Data';
  ev.recipientAccountId = c.account;
  if (who.kind === 'service' && rng.chance(0.5)) ev.sharedEventID = rng.uuid();
  ev.eventCategory = call.category ?? 'Management';
  if (who.kind !== 'service') {
    const v = rng.weighted(TLS);
    ev.tlsDetails = { tlsVersion: v, cipherSuite: CIPHERS[v], clientProvidedHostHeader: `${call.source.split('.')[0]}.${c.region}.amazonaws.com` };
  }
  if (who.kind === 'role' && String(identity.arn).includes('SSO')) ev.sessionCredentialFromConsole = 'true';
  return ev;
}

/** AWS services call a narrow set of APIs (KMS, STS, logs); people and workloads call anything. */
function pickCall(rng: Rng, who: Principal): Call {
  if (who.kind !== 'service') return rng.weighted(callWeights);
  return rng.pick(SERVICE_CALLS);
}
