-- ALB connection logs: the Athena user guide's alb_connection_logs columns (time kept as written, conn_ts
-- its UTC TIMESTAMP; the certificate validity also split into cert_not_before / cert_not_after), the
-- partition column `day` (YYYY/MM/DD from the S3 key, else from `time`), account and region from the key,
-- fields newer than Cairn knows (kept as written), and provenance (_ordinal = line number).
CREATE TABLE IF NOT EXISTS alb_connection_logs (
  time VARCHAR, conn_ts TIMESTAMP, client_ip VARCHAR, client_port INTEGER, listener_port INTEGER, tls_protocol VARCHAR,
  tls_cipher VARCHAR, tls_handshake_latency DOUBLE, leaf_client_cert_subject VARCHAR, leaf_client_cert_validity VARCHAR,
  cert_not_before TIMESTAMP, cert_not_after TIMESTAMP, leaf_client_cert_serial_number VARCHAR, tls_verify_status VARCHAR,
  conn_trace_id VARCHAR, tls_keyexchange VARCHAR,
  day VARCHAR, _account_id VARCHAR, _region VARCHAR, _unknown_fields VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
