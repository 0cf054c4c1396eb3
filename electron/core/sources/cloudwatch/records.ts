// The two CloudWatch layouts as numbered JSON records (json-records/json-sql.ts reads them):
// - an export-to-S3 object: `<ISO-8601 time> <message>` lines; a line without the time continues the
//   message before it (multi-line messages are written as they are), so an event is its first line and
//   every continuation; _ordinal = the line it starts on. Written by export-copy.ts, mostly for a direct
//   INSERT with no JSON in between (decision 0019).
// - subscription-filter envelopes ({"messageType","logGroup","logStream","logEvents":[...]}), one document,
//   JSON lines, or several concatenated as Firehose delivers them; _ordinal = the event's place in the file.
import { MAX_LINE_BYTES } from '../line-format/numbered-text';
import { DocumentError, MAX_DOCUMENT_BYTES, type RecordsLayout } from '../json-records/records';
import { writeExportCopies } from './export-copy';
import { readWholeText, writeWhole } from '../whole-file';

export const EXPORT_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z) /;

/** An export object as export-copy.ts' two copies: the direct one read by export-sql.ts, the JSON one by json-sql.ts. */
export async function exportRecords(stagedPath: string, copyPath: string): Promise<RecordsLayout> {
  const directPath = `${copyPath}.direct`;
  const { text, direct } = await writeExportCopies(stagedPath, directPath, copyPath);
  return { kind: 'lines', text, direct: { path: directPath, records: direct } };
}

interface Envelope { messageType?: unknown; logGroup?: unknown; logStream?: unknown; owner?: unknown; logEvents?: unknown }

export async function envelopeRecords(stagedPath: string, copyPath: string, size: number): Promise<RecordsLayout> {
  if (size > MAX_DOCUMENT_BYTES) throw new DocumentError(`CloudWatch envelopes of ${size} bytes, over the ${MAX_DOCUMENT_BYTES >> 20} MiB read whole`);
  let text = await readWholeText(stagedPath, size);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const envelopes = splitConcatenated(text);
  const rejects = new Map<number, string>();
  const raw = new Map<number, string>();
  const out: string[] = [];
  let n = 0;
  for (const env of envelopes) {
    if (env.messageType === 'CONTROL_MESSAGE') continue; // CloudWatch's reachability check, no log events
    const list = Array.isArray(env.logEvents) ? env.logEvents : null;
    if (!list) { n++; rejects.set(n, 'an envelope without a logEvents list'); raw.set(n, JSON.stringify(env).slice(0, 65536)); continue; }
    for (const ev of list) {
      n++;
      const rec = ev && typeof ev === 'object' && !Array.isArray(ev) ? { ...(ev as object), logGroup: env.logGroup, logStream: env.logStream, owner: env.owner } : ev;
      const line = JSON.stringify(rec) ?? 'null';
      raw.set(n, line);
      if (rec === ev) { rejects.set(n, 'a log event that is not a JSON object'); continue; }
      if (Buffer.byteLength(line) > MAX_LINE_BYTES) { rejects.set(n, `longer than ${MAX_LINE_BYTES} bytes`); continue; }
      out.push(`${n} ${line}`);
    }
  }
  await writeWhole(copyPath, out.join('\n') + '\n');
  return { kind: 'document', records: n, rejects, raw };
}

/** One JSON value, JSON lines, or objects written back to back (`}{`): each top-level object. */
function splitConcatenated(text: string): Envelope[] {
  try {
    const one: unknown = JSON.parse(text);
    return (Array.isArray(one) ? one : [one]) as Envelope[];
  } catch { /* several values */ }
  const out: Envelope[] = [];
  let depth = 0, start = -1, inString = false, escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) { if (escaped) escaped = false; else if (ch === '\\') escaped = true; else if (ch === '"') inString = false; continue; }
    if (ch === '"') inString = true;
    else if (ch === '{') { if (depth++ === 0) start = i; }
    else if (ch === '}') {
      if (--depth === 0) {
        try { out.push(JSON.parse(text.slice(start, i + 1)) as Envelope); } catch (e) { throw new DocumentError(`an envelope that is not valid JSON at character ${start}: ${(e as Error).message}`); }
      }
      if (depth < 0) throw new DocumentError(`unbalanced braces at character ${i}`);
    } else if (depth === 0 && !/\s/.test(ch!)) throw new DocumentError(`text between envelopes at character ${i}`);
  }
  if (depth !== 0) throw new DocumentError('the last envelope is cut off');
  return out;
}
