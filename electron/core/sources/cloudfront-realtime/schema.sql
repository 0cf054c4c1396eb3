-- CloudFront real-time logs: one column per field the developer guide lists (the field name with '-' as '_';
-- a record holds only the fields its configuration chose, the others are NULL), then `request_ts` (timestamp,
-- epoch seconds, as a UTC timestamp), fields Cairn has no column for (JSON object), text past the chosen
-- fields, the field list the file was read with, and provenance (_ordinal = line number).
CREATE TABLE IF NOT EXISTS cloudfront_realtime_logs (
  "timestamp" DOUBLE, c_ip VARCHAR, time_to_first_byte FLOAT, sc_status INTEGER, sc_bytes BIGINT, cs_method VARCHAR, cs_protocol VARCHAR,
  cs_host VARCHAR, cs_uri_stem VARCHAR, cs_bytes BIGINT, x_edge_location VARCHAR, x_edge_request_id VARCHAR, x_host_header VARCHAR,
  time_taken FLOAT, cs_protocol_version VARCHAR, c_ip_version VARCHAR, cs_user_agent VARCHAR, cs_referer VARCHAR, cs_cookie VARCHAR,
  cs_uri_query VARCHAR, x_edge_response_result_type VARCHAR, x_forwarded_for VARCHAR, ssl_protocol VARCHAR, ssl_cipher VARCHAR,
  x_edge_result_type VARCHAR, fle_encrypted_fields VARCHAR, fle_status VARCHAR, sc_content_type VARCHAR, sc_content_len BIGINT,
  sc_range_start BIGINT, sc_range_end BIGINT, c_port INTEGER, x_edge_detailed_result_type VARCHAR, c_country VARCHAR,
  cs_accept_encoding VARCHAR, cs_accept VARCHAR, cache_behavior_path_pattern VARCHAR, cs_headers VARCHAR, cs_header_names VARCHAR,
  cs_headers_count INTEGER, primary_distribution_id VARCHAR, primary_distribution_dns_name VARCHAR, origin_fbl FLOAT, origin_lbl FLOAT,
  asn BIGINT,
  request_ts TIMESTAMP, _unknown_fields JSON, _extra_fields VARCHAR, _field_list VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
