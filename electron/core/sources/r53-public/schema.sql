-- Route 53 public DNS query logs: the guide's ten fields, `query_ts` (query_timestamp as a UTC timestamp),
-- fields newer than Cairn knows, and provenance (_ordinal = line number).
CREATE TABLE IF NOT EXISTS r53_public_logs (
  version VARCHAR, query_timestamp VARCHAR, hosted_zone_id VARCHAR, query_name VARCHAR, query_type VARCHAR,
  response_code VARCHAR, protocol VARCHAR, edge_location VARCHAR, resolver_ip VARCHAR, edns_client_subnet VARCHAR,
  query_ts TIMESTAMP, _unknown_fields VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
