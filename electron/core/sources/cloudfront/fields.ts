// CloudFront standard log fields: the #Fields header of each file names them, in its own order (the
// standard-logging field set grew in 2019 and logging v2 lets the owner choose and reorder fields). Known
// names map to the Athena user guide's cloudfront_standard_logs columns and types; names Cairn does not
// know are kept per row in `_unknown_fields` (a JSON object), so no field is lost.
import type { Field, LineFormat, ColumnType } from '../line-format/pattern';

/** Header name -> Athena column and type. */
export const CLOUDFRONT_COLUMNS: ReadonlyMap<string, { column: string; type: ColumnType }> = new Map([
  ['date', { column: 'date', type: 'DATE' }], ['time', { column: 'time', type: 'VARCHAR' }],
  ['x-edge-location', { column: 'x_edge_location', type: 'VARCHAR' }], ['sc-bytes', { column: 'sc_bytes', type: 'BIGINT' }],
  ['c-ip', { column: 'c_ip', type: 'VARCHAR' }], ['cs-method', { column: 'cs_method', type: 'VARCHAR' }],
  ['cs(Host)', { column: 'cs_host', type: 'VARCHAR' }], ['cs-uri-stem', { column: 'cs_uri_stem', type: 'VARCHAR' }],
  ['sc-status', { column: 'sc_status', type: 'INTEGER' }], ['cs(Referer)', { column: 'cs_referrer', type: 'VARCHAR' }],
  ['cs(User-Agent)', { column: 'cs_user_agent', type: 'VARCHAR' }], ['cs-uri-query', { column: 'cs_uri_query', type: 'VARCHAR' }],
  ['cs(Cookie)', { column: 'cs_cookie', type: 'VARCHAR' }], ['x-edge-result-type', { column: 'x_edge_result_type', type: 'VARCHAR' }],
  ['x-edge-request-id', { column: 'x_edge_request_id', type: 'VARCHAR' }], ['x-host-header', { column: 'x_host_header', type: 'VARCHAR' }],
  ['cs-protocol', { column: 'cs_protocol', type: 'VARCHAR' }], ['cs-bytes', { column: 'cs_bytes', type: 'BIGINT' }],
  ['time-taken', { column: 'time_taken', type: 'FLOAT' }], ['x-forwarded-for', { column: 'x_forwarded_for', type: 'VARCHAR' }],
  ['ssl-protocol', { column: 'ssl_protocol', type: 'VARCHAR' }], ['ssl-cipher', { column: 'ssl_cipher', type: 'VARCHAR' }],
  ['x-edge-response-result-type', { column: 'x_edge_response_result_type', type: 'VARCHAR' }],
  ['cs-protocol-version', { column: 'cs_protocol_version', type: 'VARCHAR' }], ['fle-status', { column: 'fle_status', type: 'VARCHAR' }],
  ['fle-encrypted-fields', { column: 'fle_encrypted_fields', type: 'INTEGER' }], ['c-port', { column: 'c_port', type: 'INTEGER' }],
  ['time-to-first-byte', { column: 'time_to_first_byte', type: 'FLOAT' }],
  ['x-edge-detailed-result-type', { column: 'x_edge_detailed_result_type', type: 'VARCHAR' }],
  ['sc-content-type', { column: 'sc_content_type', type: 'VARCHAR' }], ['sc-content-len', { column: 'sc_content_len', type: 'BIGINT' }],
  ['sc-range-start', { column: 'sc_range_start', type: 'BIGINT' }], ['sc-range-end', { column: 'sc_range_end', type: 'BIGINT' }],
]);

/** Fields only other CloudFront logs have: RTMP streaming logs (x-event) and real-time logs (epoch timestamp). */
const NOT_STANDARD = ['x-event', 'x-sname', 'timestamp'];

export interface CloudFrontHeader { version: string; fields: string[] }

/** The #Version/#Fields header at the top of a file, when it is a standard log's (date and time first). */
export function readHeader(lines: readonly string[]): CloudFrontHeader | null {
  const version = /^#Version:\s*(\S+)\s*$/.exec(lines[0] ?? '')?.[1];
  const fieldsLine = /^#Fields:\s*(.*)$/.exec(lines[1] ?? '')?.[1];
  if (!version || fieldsLine === undefined) return null;
  const fields = fieldsLine.split(/[\s\u200b]+/).filter((f) => f.length > 0);
  if (fields[0] !== 'date' || fields[1] !== 'time' || fields.some((f) => NOT_STANDARD.includes(f))) return null;
  if (new Set(fields).size !== fields.length || fields.length > 200) return null;
  return { version, fields };
}

const formats = new Map<string, LineFormat>();

/** The line format one header describes: every named field, TAB-separated (cached: files share headers). */
export function formatFor(header: CloudFrontHeader): LineFormat {
  const key = header.fields.join('\t');
  let format = formats.get(key);
  if (format) return format;
  const required: Field[] = header.fields.map((name, i) => {
    const known = CLOUDFRONT_COLUMNS.get(name);
    return { token: '([^\t]*)', groups: [`f${i}`], columns: known ? [{ name: known.column, type: known.type }] : [] };
  });
  format = { id: 'cloudfront', label: 'CloudFront standard log', table: 'cloudfront_logs', required, optional: [], extraColumn: '_extra_fields', separator: '\t' };
  if (formats.size > 64) formats.clear();
  formats.set(key, format);
  return format;
}

/** Header names the table has no column for, with their capture group. */
export function unknownFields(header: CloudFrontHeader): { name: string; group: string }[] {
  return header.fields.map((name, i) => ({ name, group: `f${i}` })).filter((f) => !CLOUDFRONT_COLUMNS.has(f.name));
}
