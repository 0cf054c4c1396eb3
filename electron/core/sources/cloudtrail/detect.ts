import { hasJsonKey, jsonHeadText } from '../probe-text';
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

/** True when the text shows CloudTrail record keys (not S3/SNS event notifications, which reuse "Records"). */
export function looksLikeCloudTrailRecords(text: string): boolean {
  if (!CORE_KEYS.every((k) => hasJsonKey(text, k))) return false;
  // The amazonaws.com test first: it matches at the first record, and the aws: one scans the text.
  if (text.includes('"aws:') && !/"eventSource"\s*:\s*"[^"]*\.amazonaws\.com"/.test(text) && /"eventSource"\s*:\s*"aws:/.test(text)) return false;
  return TRAIL_KEYS.filter((k) => hasJsonKey(text, k)).length >= 2;
}

/** Whether the first byte after a UTF-8 BOM and whitespace opens a JSON object or array (no decoding). */
function startsJson(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x7b || head[i] === 0x5b;
}

/** Reads the layout from the first bytes; null when it is not a CloudTrail layout at all. */
export function sniffShape(head: Buffer): CloudTrailShape | null {
  return shapeOf(jsonHeadText(head));
}

function shapeOf(text: string): CloudTrailShape | null {
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
  // An object's text ends with `}`: a probe cut inside a one-line document is not parsed to learn that.
  if (!s.startsWith('{') || !s.endsWith('}')) return false;
  try { const v: unknown = JSON.parse(s); return typeof v === 'object' && v !== null && !Array.isArray(v); } catch { return false; }
}

/** Digest keys and no event: every trail layout names eventName in its first record, a digest never does. */
function isDigest(text: string): boolean {
  return text.startsWith('{') && (hasJsonKey(text, 'digestStartTime') || hasJsonKey(text, 'digestPublicKeyFingerprint')) && !hasJsonKey(text, 'eventName');
}

/** Decides from content; the path (AWSLogs/.../CloudTrail/..., CloudTrail-Digest) only nudges confidence. */
export function detectCloudTrail(probe: Probe): Detection | null {
  // Every CloudTrail layout is JSON: an object, an array, or lines of objects.
  if (!startsJson(probe.head)) return null;
  const text = jsonHeadText(probe.head);
  const pathHint = /cloudtrail/i.test(probe.path.replace(/CloudTrail-Digest/gi, '')) ? 0.03 : 0;
  const shape = shapeOf(text);
  // A digest has no Records: asked of a trail file, the digest searches scanned all 64 KiB for nothing (~65 µs
  // a file, most of detection).
  if (shape !== 'records' && isDigest(text)) {
    const confidence = /CloudTrail-Digest/i.test(probe.path) ? 0.98 : 0.9;
    return { format: 'cloudtrail-digest', confidence, importable: false, note: DIGEST_NOTE };
  }
  if (!shape) return null;
  if (shape === 'history') {
    return hasJsonKey(text, 'CloudTrailEvent') ? { format: 'cloudtrail', confidence: 0.95, importable: true, note: 'CloudTrail event history export' } : null;
  }
  if (shape === 'records' && /^\{\s*"Records"\s*:\s*\[\s*\]\s*\}\s*$/.test(text)) {
    // An empty Records file: CloudTrail writes these; nothing else does in this exact form.
    return { format: 'cloudtrail', confidence: 0.6 + pathHint, importable: true };
  }
  if (!looksLikeCloudTrailRecords(text)) return null;
  return { format: 'cloudtrail', confidence: 0.92 + pathHint, importable: true };
}
