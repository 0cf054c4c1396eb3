-- NLB TLS access logs: the Athena user guide's nlb_tls_logs columns and types, then `day` (YYYY/MM/DD from
-- the S3 key, else from time), account and region from the key, fields newer than Cairn knows, provenance.
CREATE TABLE IF NOT EXISTS nlb_tls_logs (
  type VARCHAR, version VARCHAR, time VARCHAR, elb VARCHAR, listener_id VARCHAR, client_ip VARCHAR, client_port INTEGER,
  target_ip VARCHAR, target_port INTEGER, tcp_connection_time_ms DOUBLE, tls_handshake_time_ms DOUBLE,
  received_bytes BIGINT, sent_bytes BIGINT, incoming_tls_alert INTEGER, cert_arn VARCHAR, certificate_serial VARCHAR,
  tls_cipher_suite VARCHAR, tls_protocol_version VARCHAR, tls_named_group VARCHAR, domain_name VARCHAR,
  alpn_fe_protocol VARCHAR, alpn_be_protocol VARCHAR, alpn_client_preference_list VARCHAR, tls_connection_creation_time VARCHAR,
  day VARCHAR, _account_id VARCHAR, _region VARCHAR, _unknown_fields VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
