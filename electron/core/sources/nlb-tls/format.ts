// Network Load Balancer TLS access log entries (TLS listeners only), in the documented order, with the
// Athena user guide's nlb_tls_logs column names and types.
import { field, hostPortField, TOKEN, type LineFormat } from '../line-format/pattern';

const { plain } = TOKEN;

export const NLB_TLS_FORMAT: LineFormat = {
  id: 'nlb-tls',
  label: 'NLB TLS access log',
  table: 'nlb_tls_logs',
  required: [
    field('(tls)', 'type'),
    field('([0-9]+\\.[0-9]+)', 'version'),
    field('([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?)', 'time'),
    field('(net/[^ ]*)', 'elb'),
    field(plain, 'listener_id'),
    hostPortField('client_ip', 'client_port'),
    hostPortField('target_ip', 'target_port'),
    field(plain, 'tcp_connection_time_ms', 'DOUBLE'),
    field(plain, 'tls_handshake_time_ms', 'DOUBLE'),
    field(plain, 'received_bytes', 'BIGINT'),
    field(plain, 'sent_bytes', 'BIGINT'),
    field(plain, 'incoming_tls_alert', 'INTEGER'),
    field(plain, 'cert_arn'),
    field(plain, 'certificate_serial'),
    field(plain, 'tls_cipher_suite'),
    field(plain, 'tls_protocol_version'),
    field(plain, 'tls_named_group'),
  ],
  // Version 2.0 added SNI and ALPN, then the connection's creation time.
  optional: [
    field(plain, 'domain_name'), field(plain, 'alpn_fe_protocol'), field(plain, 'alpn_be_protocol'),
    field(plain, 'alpn_client_preference_list'), field(plain, 'tls_connection_creation_time'),
  ],
  extraColumn: '_unknown_fields',
};
