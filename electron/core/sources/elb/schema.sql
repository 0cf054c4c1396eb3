-- Classic ELB access logs: the Athena user guide's elb_logs columns and types, then `day` (YYYY/MM/DD from
-- the S3 key, else from request_timestamp), account and region from the key, fields newer than Cairn knows,
-- and provenance (_ordinal = line number).
CREATE TABLE IF NOT EXISTS elb_logs (
  request_timestamp VARCHAR, elb_name VARCHAR, request_ip VARCHAR, request_port INTEGER, backend_ip VARCHAR, backend_port INTEGER,
  request_processing_time DOUBLE, backend_processing_time DOUBLE, client_response_time DOUBLE,
  elb_response_code VARCHAR, backend_response_code VARCHAR, received_bytes BIGINT, sent_bytes BIGINT,
  request_verb VARCHAR, url VARCHAR, protocol VARCHAR, user_agent VARCHAR, ssl_cipher VARCHAR, ssl_protocol VARCHAR,
  day VARCHAR, _account_id VARCHAR, _region VARCHAR, _unknown_fields VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
