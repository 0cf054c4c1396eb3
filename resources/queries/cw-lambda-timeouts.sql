-- title: Lambda: invocations that timed out
-- description: Lambda invocations that ran into their timeout ("Task timed out"), with the REPORT line's run
-- description: time: functions kept busy by crafted input or a hung outbound call, or cryptomining in a
-- description: hijacked function.
-- tables: cloudwatch_logs
-- tags: cloudwatch, lambda, impact, T1496
SELECT t.event_ts, t.log_group, t.log_stream, t.message, r.request_id, r.duration_ms, r.billed_duration_ms, r.memory_size_mb, t._evidence_id, t._ordinal
FROM cloudwatch_logs t
LEFT JOIN cloudwatch_logs r ON r.lambda_event = 'REPORT' AND r._evidence_id = t._evidence_id AND r.log_stream IS NOT DISTINCT FROM t.log_stream
  AND strpos(t.message, r.request_id) > 0
WHERE strpos(t.message, 'Task timed out') > 0
ORDER BY t.event_ts
