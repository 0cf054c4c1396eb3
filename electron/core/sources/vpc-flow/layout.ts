// How a text flow-log file is laid out: which fields, in which order, whether line 1 is a header,
// and whether each line carries the CloudWatch Logs export timestamp prefix. Read from the first bytes.
import { headLines } from '../probe-text';
import { DEFAULT_V2_FORMAT, FIELD_NAME_PATTERN, lookupField, looksLikeFieldName, normalizeFieldName } from './fields';

export interface TextLayout {
  /** Normalised field names (`account-id`), in the order the records hold them. */
  fields: string[];
  /** Line 1 is a header naming the fields (S3 delivery); header-less files are the default v2 format. */
  hasHeader: boolean;
  /** Each line starts with `2024-01-01T00:00:00.000Z ` (CloudWatch Logs export to S3). */
  cloudWatchPrefix: boolean;
  /** Header names Cairn does not know (kept in _extra_fields). */
  unknownFields: string[];
  /** How many of the sampled lines looked like flow-log records (for detection). */
  confidence: number;
}

export const CLOUDWATCH_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z /;
// The default format: version 2, an account id (or "unknown"), an ENI, ..., start, end, action, log-status.
const V2_RECORD = /^2 (?:\d{1,12}|unknown|-) (?:eni-[0-9a-z]+|-) \S+ \S+ \S+ \S+ \S+ \S+ \S+ (?:\d+|-) (?:\d+|-) \S+ (?:OK|NODATA|SKIPDATA)$/;
const SAMPLE_LINES = 20;

/**
 * What the staging thread may stage as numbered lines (LogSource.staging.form): a first line of field-name-like
 * tokens (a header), or a default-format record. parseLayout has the last word; where it disagrees, the content
 * is restored and numbered here instead.
 */
export const NUMBERING_FIRST_LINE = {
  header: `^${FIELD_NAME_PATTERN}(?: ${FIELD_NAME_PATTERN})+$`,
  record: `^(?:${CLOUDWATCH_PREFIX.source.slice(1)})?${V2_RECORD.source.slice(1)}`,
};

/** Returns null when the start of the file is neither a flow-log header nor default-format records. */
export function parseLayout(head: Buffer, complete: boolean): TextLayout | null {
  const lines = headLines(head, complete);
  const first = lines[0] ?? '';
  const header = parseHeader(first);
  if (header) return header;

  const sample = lines.filter((l) => l.length > 0).slice(0, SAMPLE_LINES);
  if (sample.length === 0) return null;
  const prefixed = CLOUDWATCH_PREFIX.test(sample[0] ?? '');
  let matching = 0;
  for (const line of sample) {
    const body = prefixed ? line.replace(CLOUDWATCH_PREFIX, '') : line;
    if (V2_RECORD.test(body)) matching++;
  }
  if (matching === 0 || !V2_RECORD.test(prefixed ? first.replace(CLOUDWATCH_PREFIX, '') : first)) return null;
  const share = matching / sample.length;
  return { fields: [...DEFAULT_V2_FORMAT], hasHeader: false, cloudWatchPrefix: prefixed, unknownFields: [], confidence: share >= 0.8 ? 0.9 : 0.6 };
}

function parseHeader(line: string): TextLayout | null {
  const tokens = line.split(' ');
  if (tokens.length < 2 || !tokens.every((t) => looksLikeFieldName(t))) return null;
  const known = tokens.filter((t) => lookupField(t));
  // A header is mostly fields we know; a line of lowercase words that are not fields is something else.
  if (known.length < 2 || known.length * 2 < tokens.length) return null;
  const fields = tokens.map(normalizeFieldName);
  const unknownFields = fields.filter((t) => !lookupField(t));
  return { fields, hasHeader: true, cloudWatchPrefix: false, unknownFields, confidence: unknownFields.length === 0 ? 0.95 : 0.8 };
}
