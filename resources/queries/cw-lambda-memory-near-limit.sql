-- title: Lambda: invocations near their memory limit
-- description: Lambda REPORT lines whose maximum memory used reached a share of the memory size (90 % by
-- description: default): out-of-memory crashes, a function fed oversized input, or something heavier than the
-- description: function's own work running in it.
-- tables: cloudwatch_logs
-- tags: cloudwatch, lambda, impact, T1496
-- param: min_share text "Share of memory used at least (0-1)" default=0.9
SELECT event_ts, log_group, log_stream, request_id, duration_ms, memory_size_mb, max_memory_used_mb,
       round(max_memory_used_mb / memory_size_mb, 2) AS share, init_duration_ms, _evidence_id, _ordinal
FROM cloudwatch_logs
WHERE lambda_event = 'REPORT' AND memory_size_mb > 0 AND max_memory_used_mb / memory_size_mb >= CAST($min_share AS DOUBLE)
ORDER BY share DESC
