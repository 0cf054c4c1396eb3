-- Route 53 Resolver query logs: the Athena user guide's r53_rlogs columns and types (answers a list of
-- structs, srcids a struct), then `query_ts` (query_timestamp as a UTC timestamp), the keys the DDL lacks
-- (JSON object), and provenance (_ordinal = line, or record number in a JSON document).
CREATE TABLE IF NOT EXISTS r53_rlogs (
  version VARCHAR, account_id VARCHAR, region VARCHAR, vpc_id VARCHAR, query_timestamp VARCHAR, query_name VARCHAR,
  query_type VARCHAR, query_class VARCHAR, rcode VARCHAR, answers STRUCT("Rdata" VARCHAR, "Type" VARCHAR, "Class" VARCHAR)[],
  srcaddr VARCHAR, srcport INTEGER, transport VARCHAR, srcids STRUCT(instance VARCHAR, resolver_endpoint VARCHAR),
  firewall_rule_action VARCHAR, firewall_rule_group_id VARCHAR, firewall_domain_list_id VARCHAR,
  query_ts TIMESTAMP, _unknown_fields JSON,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
-- The AWS Security Analytics Bootstrap's name for the same rows.
CREATE OR REPLACE VIEW r53dns AS SELECT * FROM r53_rlogs;
