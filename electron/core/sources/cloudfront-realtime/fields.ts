// CloudFront real-time log fields: the analyst chooses them in the real-time log configuration, and each
// record holds the chosen ones TAB-separated, in the developer guide's order, with no header. Known names
// map to typed columns (the field name with '-' as '_'); a name Cairn does not know is kept per row in
// `_unknown_fields`, so no field is lost.
import type { ColumnType, Field, LineFormat } from '../line-format/pattern';

const [V, I, B, F, D] = ['VARCHAR', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE'] as const;

/** The developer guide's fields in its order (the order records hold them in), with their column types. */
export const REALTIME_FIELDS: ReadonlyArray<[string, ColumnType]> = [
  ['timestamp', D], ['c-ip', V], ['time-to-first-byte', F], ['sc-status', I], ['sc-bytes', B], ['cs-method', V], ['cs-protocol', V],
  ['cs-host', V], ['cs-uri-stem', V], ['cs-bytes', B], ['x-edge-location', V], ['x-edge-request-id', V], ['x-host-header', V],
  ['time-taken', F], ['cs-protocol-version', V], ['c-ip-version', V], ['cs-user-agent', V], ['cs-referer', V], ['cs-cookie', V],
  ['cs-uri-query', V], ['x-edge-response-result-type', V], ['x-forwarded-for', V], ['ssl-protocol', V], ['ssl-cipher', V],
  ['x-edge-result-type', V], ['fle-encrypted-fields', V], ['fle-status', V], ['sc-content-type', V], ['sc-content-len', B],
  ['sc-range-start', B], ['sc-range-end', B], ['c-port', I], ['x-edge-detailed-result-type', V], ['c-country', V],
  ['cs-accept-encoding', V], ['cs-accept', V], ['cache-behavior-path-pattern', V], ['cs-headers', V], ['cs-header-names', V],
  ['cs-headers-count', I], ['primary-distribution-id', V], ['primary-distribution-dns-name', V], ['origin-fbl', F], ['origin-lbl', F],
  ['asn', B],
];
const KNOWN = new Map(REALTIME_FIELDS);

/** Every field a real-time log configuration could choose when real-time logs began: the default full list (40). */
export const DEFAULT_FIELDS: readonly string[] = REALTIME_FIELDS.slice(0, 40).map(([name]) => name);

export const columnOf = (name: string): string => name.replace(/-/g, '_');
export const isKnownField = (name: string): boolean => KNOWN.has(name);

/** The analyst's field list (`--fields a,b,c`), or why it cannot be one: checked as the workbench checks it. */
export { checkFieldList } from '../../../../shared/field-list';

const formats = new Map<string, LineFormat>();

/** The line format a field list describes, TAB-separated (cached: files share field lists). */
export function formatFor(fields: readonly string[]): LineFormat {
  const key = fields.join(',');
  let format = formats.get(key);
  if (format) return format;
  const required: Field[] = fields.map((name, i) => {
    const type = KNOWN.get(name);
    return { token: '([^\t]*)', groups: [`f${i}`], columns: type ? [{ name: columnOf(name), type }] : [] };
  });
  format = { id: 'cloudfront-realtime', label: 'CloudFront real-time log', table: 'cloudfront_realtime_logs', required, optional: [], extraColumn: '_extra_fields', separator: '\t' };
  if (formats.size > 64) formats.clear();
  formats.set(key, format);
  return format;
}
