import type { Detection, Probe } from '../source';

/** How a CloudTrail file is laid out; decides which import path reads it. */
export type CloudTrailShape =
  | 'records'   // {"Records":[...]} as delivered to S3 (pretty-printed or not)
  | 'array'     // a bare JSON array of records
  | 'history'   // console event-history export / `aws cloudtrail lookup-events`: {"Events":[{"CloudTrailEvent":"<json>"}]}
  | 'lines'     // JSON lines, one record per line
  | 'object';   // some other top-level object (a single pretty-printed record, or keys in an unusual order)

export const DIGEST_NOTE = 'CloudTrail digest file (integrity record, no events)';

// Keys every CloudTrail record carries; S3/SNS event notifications share some ("Records", eventTime,
// eventName, eventSource "aws:s3") but not these.
const CORE_KEYS = ['eventTime', 'eventName', 'eventSource'];
const TRAIL_KEYS = ['eventID', 'eventType', 'recipientAccountId', 'sourceIPAddress', 'userIdentity', 'requestParameters', 'awsRegion', 'eventVersion'];

function hasKey(text: string, key: string): boolean {
  return new RegExp(`"${key}"\\s*:`).test(text);
}

/** True when the text shows CloudTrail record keys (not S3/SNS event notifications, which reuse "Records"). */
export function looksLikeCloudTrailRecords(text: string): boolean {
  if (!CORE_KEYS.every((k) => hasKey(text, k))) return false;
  if (/"eventSource"\s*:\s*"aws:/.test(text) && !/"eventSource"\s*:\s*"[^"]*\.amazonaws\.com"/.test(text)) return false;
  return TRAIL_KEYS.filter((k) => hasKey(text, k)).length >= 2;
}

/** The content after a UTF-8 BOM and leading whitespace. */
export function headText(head: Buffer): string {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.trimStart();
}

/** Reads the layout from the first bytes; null when it is not a CloudTrail layout at all. */
export function sniffShape(head: Buffer): CloudTrailShape | null {
  const text = headText(head);
  if (text.startsWith('[')) return 'array';
  if (!text.startsWith('{')) return null;
  const firstKey = /^\{\s*"((?:[^"\\]|\\.)*)"\s*:/.exec(text)?.[1];
  if (firstKey === 'Records') return 'records';
  if (firstKey === 'Events') return 'history';
  // A first line that is a whole object means JSON lines; otherwise (a pretty-printed single record,
  // or Records/Events not the first key) the importer parses the whole object.
  const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
  return isJsonObject(firstLine) ? 'lines' : 'object';
}

function isJsonObject(s: string): boolean {
  if (!s.startsWith('{')) return false;
  try { const v: unknown = JSON.parse(s); return typeof v === 'object' && v !== null && !Array.isArray(v); } catch { return false; }
}

function isDigest(text: string): boolean {
  const contentSays = hasKey(text, 'digestStartTime') || hasKey(text, 'digestPublicKeyFingerprint');
  return contentSays && text.startsWith('{');
}

/** Decides from content; the path (AWSLogs/.../CloudTrail/..., CloudTrail-Digest) only nudges confidence. */
export function detectCloudTrail(probe: Probe): Detection | null {
  const text = headText(probe.head);
  const pathHint = /cloudtrail/i.test(probe.path.replace(/CloudTrail-Digest/gi, '')) ? 0.03 : 0;
  if (isDigest(text)) {
    const confidence = /CloudTrail-Digest/i.test(probe.path) ? 0.98 : 0.9;
    return { format: 'cloudtrail-digest', confidence, importable: false, note: DIGEST_NOTE };
  }
  const shape = sniffShape(probe.head);
  if (!shape) return null;
  if (shape === 'history') {
    return hasKey(text, 'CloudTrailEvent') ? { format: 'cloudtrail', confidence: 0.95, importable: true, note: 'CloudTrail event history export' } : null;
  }
  if (shape === 'records' && /^\{\s*"Records"\s*:\s*\[\s*\]\s*\}\s*$/.test(text)) {
    // An empty Records file: CloudTrail writes these; nothing else does in this exact form.
    return { format: 'cloudtrail', confidence: 0.6 + pathHint, importable: true };
  }
  if (!looksLikeCloudTrailRecords(text)) return null;
  return { format: 'cloudtrail', confidence: 0.92 + pathHint, importable: true };
}
