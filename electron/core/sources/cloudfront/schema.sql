-- CloudFront standard (access) logs: the Athena user guide's cloudfront_standard_logs columns and types (URL-
-- encoded fields kept as written, as in Athena), then `request_ts` (date + time, UTC), the distribution id
-- from the file name, header fields Cairn has no column for (JSON object), text past the header's fields,
-- and provenance (_ordinal = line number; header lines are counted, not imported).
CREATE TABLE IF NOT EXISTS cloudfront_logs (
  "date" DATE, "time" VARCHAR, x_edge_location VARCHAR, sc_bytes BIGINT, c_ip VARCHAR, cs_method VARCHAR, cs_host VARCHAR,
  cs_uri_stem VARCHAR, sc_status INTEGER, cs_referrer VARCHAR, cs_user_agent VARCHAR, cs_uri_query VARCHAR, cs_cookie VARCHAR,
  x_edge_result_type VARCHAR, x_edge_request_id VARCHAR, x_host_header VARCHAR, cs_protocol VARCHAR, cs_bytes BIGINT,
  time_taken FLOAT, x_forwarded_for VARCHAR, ssl_protocol VARCHAR, ssl_cipher VARCHAR, x_edge_response_result_type VARCHAR,
  cs_protocol_version VARCHAR, fle_status VARCHAR, fle_encrypted_fields INTEGER, c_port INTEGER, time_to_first_byte FLOAT,
  x_edge_detailed_result_type VARCHAR, sc_content_type VARCHAR, sc_content_len BIGINT, sc_range_start BIGINT, sc_range_end BIGINT,
  request_ts TIMESTAMP, distribution_id VARCHAR, _unknown_fields JSON, _extra_fields VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
-- The table's name in the Athena guide.
CREATE OR REPLACE VIEW cloudfront_standard_logs AS SELECT * FROM cloudfront_logs;
