// AWS Network Firewall alert, flow and TLS/HTTP logs (JSON, Suricata's EVE record under `event`): the Athena
// user guide's anf_logs columns, the event struct with the fields of the alert, netflow, tcp, http and tls
// records. The whole record is kept in `_raw`, since Suricata adds keys the struct does not name.
import type { JsonFormat } from '../json-records/format';

const V = 'VARCHAR';

export const ANF_FORMAT: JsonFormat = {
  id: 'network-firewall',
  label: 'AWS Network Firewall log',
  table: 'anf_logs',
  columns: [
    { name: 'firewall_name', key: 'firewall_name', type: V },
    { name: 'availability_zone', key: 'availability_zone', type: V },
    { name: 'event_timestamp', key: 'event_timestamp', type: V },
    { name: 'event', key: 'event', type: {
      timestamp: V, flow_id: 'BIGINT', event_type: V, src_ip: V, src_port: 'INTEGER', dest_ip: V, dest_port: 'INTEGER', proto: V,
      app_proto: V, sni: V, tls_inspected: 'BOOLEAN', direction: V,
      alert: { alert_id: V, alert_type: V, action: V, signature_id: 'BIGINT', rev: 'INTEGER', gid: 'INTEGER', signature: V, category: V, severity: 'INTEGER', rule_name: V },
      netflow: { pkts: 'BIGINT', bytes: 'BIGINT', start: V, end: V, age: 'BIGINT', min_ttl: 'INTEGER', max_ttl: 'INTEGER', tx_cnt: 'BIGINT' },
      tcp: { tcp_flags: V, syn: 'BOOLEAN', fin: 'BOOLEAN', rst: 'BOOLEAN', psh: 'BOOLEAN', ack: 'BOOLEAN', state: V },
      http: { hostname: V, url: V, http_user_agent: V, http_content_type: V, http_method: V, status: 'INTEGER', length: 'BIGINT', cookie: V },
      tls: { subject: V, issuerdn: V, issuer: V, serial: V, fingerprint: V, sni: V, version: V, notbefore: V, notafter: V, ja3: { hash: V, string: V }, ja3s: { hash: V, string: V }, session_resumed: 'BOOLEAN' },
      tls_error: { error_message: V },
      revocation_check: { leaf_cert_fpr: V, action: V, status: V },
    } },
  ],
  required: ['firewall_name', 'event_timestamp', 'event'],
  // event_timestamp is epoch seconds as text in the AWS guide's examples, ISO-8601 in some exports.
  computed: [{ name: 'event_ts', sql: "CASE WHEN regexp_full_match(r.event_timestamp, '[0-9]+(\\.[0-9]+)?') THEN CAST(to_timestamp(TRY_CAST(r.event_timestamp AS DOUBLE)) AT TIME ZONE 'UTC' AS TIMESTAMP) ELSE TRY_CAST(r.event_timestamp AS TIMESTAMPTZ) AT TIME ZONE 'UTC' END" }],
};
