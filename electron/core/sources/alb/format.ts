// ALB access log entries: the fields in the order AWS documents them ("Access log entries", Application
// Load Balancers guide), with the Athena user guide's column names and types (alb_access_logs DDL).
import { REQUEST_CSV } from '../line-format/csv-layout';
import { field, hostPortField, TOKEN, type LineFormat } from '../line-format/pattern';

const { plain, quoted } = TOKEN;
/** The request line: verb, URL and protocol ('- - - ' for a request that could not be parsed). */
const request = {
  token: '"([^ ]*) ((?:[^"\\\\]|\\\\.)*?) (- |[^ ]*)"', groups: ['request_verb', 'request_url', 'request_proto'],
  columns: [{ name: 'request_verb', type: 'VARCHAR' as const }, { name: 'request_url', type: 'VARCHAR' as const, sql: 'g.request_url' },
    { name: 'request_proto', type: 'VARCHAR' as const, sql: 'g.request_proto' }],
  csv: REQUEST_CSV,
};

export const ALB_FORMAT: LineFormat = {
  id: 'alb',
  label: 'ALB access log',
  table: 'alb_logs',
  required: [
    field('(https?|h2|grpcs|wss?)', 'type'),
    field('([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z)', 'time'),
    field(plain, 'elb'),
    hostPortField('client_ip', 'client_port'),
    hostPortField('target_ip', 'target_port'),
    field(plain, 'request_processing_time', 'DOUBLE'),
    field(plain, 'target_processing_time', 'DOUBLE'),
    field(plain, 'response_processing_time', 'DOUBLE'),
    field(plain, 'elb_status_code', 'INTEGER'),
    field(plain, 'target_status_code'),
    field(plain, 'received_bytes', 'BIGINT'),
    field(plain, 'sent_bytes', 'BIGINT'),
    request,
    field(quoted, 'user_agent'),
    field(plain, 'ssl_cipher'),
    field(plain, 'ssl_protocol'),
    field(plain, 'target_group_arn'),
    field(quoted, 'trace_id'),
  ],
  // Added over the years (2017-2024); older files simply stop earlier.
  optional: [
    field(quoted, 'domain_name'),
    field(quoted, 'chosen_cert_arn'),
    field(plain, 'matched_rule_priority'),
    field(plain, 'request_creation_time'),
    field(quoted, 'actions_executed'),
    field(quoted, 'redirect_url'),
    field(quoted, 'lambda_error_reason'),
    field(quoted, 'target_port_list'),
    field(quoted, 'target_status_code_list'),
    field(quoted, 'classification'),
    field(quoted, 'classification_reason'),
    field(plain, 'conn_trace_id'),
  ],
  extraColumn: '_unknown_fields',
};
