-- CloudWatch Logs events (exports to S3 and subscription-filter envelopes): log group and stream, owner
-- account, event id, timestamp (epoch milliseconds) and message as CloudWatch keeps them, `event_ts` (UTC),
-- Lambda's START/END/REPORT lines parsed, keys the envelope has that the table lacks, and provenance
-- (_ordinal = the line an exported event starts on, or the event's place in the file's envelopes).
CREATE TABLE IF NOT EXISTS cloudwatch_logs (
  log_group VARCHAR, log_stream VARCHAR, owner VARCHAR, event_id VARCHAR, "timestamp" BIGINT, message VARCHAR,
  event_ts TIMESTAMP, lambda_event VARCHAR, request_id VARCHAR, duration_ms DOUBLE, billed_duration_ms DOUBLE,
  memory_size_mb DOUBLE, max_memory_used_mb DOUBLE, init_duration_ms DOUBLE,
  _unknown_fields JSON,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
