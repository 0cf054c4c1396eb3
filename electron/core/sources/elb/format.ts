// Classic Load Balancer access log entries, in the documented order, with the Athena user guide's elb_logs
// column names and types. The user agent and TLS fields came later and are '-' on TCP listeners.
import { REQUEST_CSV } from '../line-format/csv-layout';
import { field, hostPortField, TOKEN, type LineFormat } from '../line-format/pattern';

const { plain, quoted } = TOKEN;
const request = {
  token: '"([^ ]*) ((?:[^"\\\\]|\\\\.)*?) (- |[^ ]*)"', groups: ['request_verb', 'url', 'protocol'],
  columns: [{ name: 'request_verb', type: 'VARCHAR' as const }, { name: 'url', type: 'VARCHAR' as const, sql: 'g.url' },
    { name: 'protocol', type: 'VARCHAR' as const, sql: 'g.protocol' }],
  csv: REQUEST_CSV,
};

export const ELB_FORMAT: LineFormat = {
  id: 'elb',
  label: 'Classic ELB access log',
  table: 'elb_logs',
  required: [
    field('([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z)', 'request_timestamp'),
    field('([A-Za-z0-9-]+)', 'elb_name'),
    hostPortField('request_ip', 'request_port'),
    hostPortField('backend_ip', 'backend_port'),
    field(plain, 'request_processing_time', 'DOUBLE'),
    field(plain, 'backend_processing_time', 'DOUBLE'),
    field(plain, 'client_response_time', 'DOUBLE'),
    field(plain, 'elb_response_code'),
    field(plain, 'backend_response_code'),
    field(plain, 'received_bytes', 'BIGINT'),
    field(plain, 'sent_bytes', 'BIGINT'),
    request,
  ],
  optional: [field(quoted, 'user_agent'), field(plain, 'ssl_cipher'), field(plain, 'ssl_protocol')],
  extraColumn: '_unknown_fields',
};
