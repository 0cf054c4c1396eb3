-- title: Lambda: errors, tracebacks and access denied in function logs
-- description: CloudWatch Logs events of Lambda functions that report an error: [ERROR] lines, tracebacks,
-- description: exceptions and AccessDenied: a function probed with crafted input, or code (or a stolen role)
-- description: reaching for what it may not. The request id ties the line to its invocation.
-- tables: cloudwatch_logs
-- tags: cloudwatch, lambda, execution, T1648
SELECT event_ts, log_group, log_stream, message, _evidence_id, _ordinal
FROM cloudwatch_logs
WHERE regexp_like(message, '\[ERROR\]|Traceback \(most recent call last\)|Exception|AccessDenied|Task timed out')
ORDER BY event_ts
