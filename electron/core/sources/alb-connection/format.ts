// ALB connection log entries: the fields in the order AWS documents them ("Connection log entries",
// Application Load Balancers guide), with the Athena user guide's alb_connection_logs column names.
import { field, TOKEN, type Field, type LineFormat } from '../line-format/pattern';

const { plain } = TOKEN;
/** ISO 8601 in UTC, microseconds: kept as written and as a TIMESTAMP (a time that does not cast is a reject). */
const TIME = '([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z)';
const time: Field = { token: TIME, groups: ['time'], columns: [{ name: 'time', type: 'VARCHAR' }, { name: 'conn_ts', type: 'TIMESTAMP' }] };
/** An IPv4 or IPv6 address, never a name: what keeps Classic ELB lines (field 2 a load balancer name) out. */
const ADDRESS = '([0-9A-Fa-f:.]+)';
/** The leaf certificate's subject: in double quotes (backslash escapes kept), or '-' without a certificate. */
const SUBJECT = '("(?:[^"\\\\]|\\\\.)*"|-)';
const subject: Field = {
  token: SUBJECT, groups: ['leaf_client_cert_subject'],
  columns: [{ name: 'leaf_client_cert_subject', type: 'VARCHAR', sql: "CASE WHEN g.leaf_client_cert_subject = '-' THEN '-' ELSE substr(g.leaf_client_cert_subject, 2, length(g.leaf_client_cert_subject) - 2) END" }],
  csv: { kinds: ['dash-or-quoted'], groups: ['$1'] },
};
/** One side of `NotBefore=<time>;NotAfter=<time>`; a value not in UTC ('Z') is made uncastable, so the line is rejected, not mistimed. */
const bound = (name: string): string => {
  const v = `split_part(split_part(g.leaf_client_cert_validity, '${name}=', 2), ';', 1)`;
  return `CASE WHEN ${v} = '' OR suffix(${v}, 'Z') THEN ${v} ELSE 'not UTC: ' || ${v} END`;
};
const validity: Field = {
  token: plain, groups: ['leaf_client_cert_validity'],
  columns: [{ name: 'leaf_client_cert_validity', type: 'VARCHAR' },
    { name: 'cert_not_before', type: 'TIMESTAMP', sql: bound('NotBefore') }, { name: 'cert_not_after', type: 'TIMESTAMP', sql: bound('NotAfter') }],
};

export const ALB_CONNECTION_FORMAT: LineFormat = {
  id: 'alb-connection',
  label: 'ALB connection log',
  table: 'alb_connection_logs',
  required: [
    time,
    field(ADDRESS, 'client_ip'),
    field(plain, 'client_port', 'INTEGER'),
    field(plain, 'listener_port', 'INTEGER'),
    field(plain, 'tls_protocol'),
    field(plain, 'tls_cipher'),
    field(plain, 'tls_handshake_latency', 'DOUBLE'),
    subject,
    validity,
    field(plain, 'leaf_client_cert_serial_number'),
    field(plain, 'tls_verify_status'),
  ],
  // Added later; older files simply stop earlier.
  optional: [field(plain, 'conn_trace_id'), field(plain, 'tls_keyexchange')],
  extraColumn: '_unknown_fields',
};
