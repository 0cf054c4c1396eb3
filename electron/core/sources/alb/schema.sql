-- ALB access logs: the Athena user guide's alb_access_logs columns and types, then the partition column
-- `day` (YYYY/MM/DD from the S3 key, else from `time`), the account and region from the key, fields newer
-- than Cairn knows (kept as written), and provenance (_ordinal = line number).
CREATE TABLE IF NOT EXISTS alb_logs (
  type VARCHAR, time VARCHAR, elb VARCHAR, client_ip VARCHAR, client_port INTEGER, target_ip VARCHAR, target_port INTEGER,
  request_processing_time DOUBLE, target_processing_time DOUBLE, response_processing_time DOUBLE,
  elb_status_code INTEGER, target_status_code VARCHAR, received_bytes BIGINT, sent_bytes BIGINT,
  request_verb VARCHAR, request_url VARCHAR, request_proto VARCHAR, user_agent VARCHAR, ssl_cipher VARCHAR, ssl_protocol VARCHAR,
  target_group_arn VARCHAR, trace_id VARCHAR, domain_name VARCHAR, chosen_cert_arn VARCHAR, matched_rule_priority VARCHAR,
  request_creation_time VARCHAR, actions_executed VARCHAR, redirect_url VARCHAR, lambda_error_reason VARCHAR,
  target_port_list VARCHAR, target_status_code_list VARCHAR, classification VARCHAR, classification_reason VARCHAR,
  conn_trace_id VARCHAR,
  day VARCHAR, _account_id VARCHAR, _region VARCHAR, _unknown_fields VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
-- The table's name in the current Athena guide.
CREATE OR REPLACE VIEW alb_access_logs AS SELECT * FROM alb_logs;
