-- title: Flow-log gaps (NODATA and SKIPDATA)
-- description: Capture windows with log-status NODATA (no traffic recorded on the interface) or SKIPDATA
-- description: (records skipped: capacity or internal error), per interface. SKIPDATA means the flow log is
-- description: incomplete for that window; a NODATA run on a busy interface may mean it was detached or
-- description: that logging was tampered with. Read conclusions about those windows with care.
-- tables: vpc_flow_logs
-- tags: vpc, logging, defense-evasion, data-quality
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT interface_id, log_status, from_unixtime(start) AS window_start, from_unixtime("end") AS window_end,
       account_id, _evidence_id, _ordinal
FROM vpc_flow_logs
WHERE log_status IN ('NODATA', 'SKIPDATA')
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY interface_id, window_start
