-- Amazon GuardDuty findings: the Athena user guide's gd_logs columns in its order (resource and service as
-- JSON, severity a DOUBLE where Athena's SerDe has string), the finding fields it lacks, computed columns
-- (times as UTC timestamps, the user guide's severity level, the remote address, principal, access key and
-- instance the finding names), the top-level keys no column holds, the finding as read (`_raw`), and
-- provenance (_ordinal = line of a JSON-lines file, otherwise the finding's place in the file).
CREATE TABLE IF NOT EXISTS guardduty_findings (
  schemaversion VARCHAR, accountid VARCHAR, region VARCHAR, "partition" VARCHAR, id VARCHAR, arn VARCHAR, "type" VARCHAR,
  resource JSON, service JSON, severity DOUBLE, createdat VARCHAR, updatedat VARCHAR, title VARCHAR, description VARCHAR,
  confidence DOUBLE, associatedattacksequencearn VARCHAR,
  created_ts TIMESTAMP, updated_ts TIMESTAMP, severity_label VARCHAR, resource_type VARCHAR, action_type VARCHAR, remote_ip VARCHAR,
  api VARCHAR, principal VARCHAR, access_key_id VARCHAR, instance_id VARCHAR, first_seen_ts TIMESTAMP, last_seen_ts TIMESTAMP,
  occurrences BIGINT, archived BOOLEAN, sample BOOLEAN,
  _unknown_fields JSON, _raw VARCHAR USING COMPRESSION zstd,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
-- The Athena user guide's name for the same rows.
CREATE OR REPLACE VIEW gd_logs AS SELECT * FROM guardduty_findings;
