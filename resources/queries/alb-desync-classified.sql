-- title: ALB: requests classified as HTTP desync risks
-- description: Requests the load balancer's desync mitigation classified Ambiguous or Severe (for example
-- description: duplicate or undefined Content-Length), with the reason it gave: the signature of request
-- description: smuggling attempts. Severe ones are blocked in the default mode; Ambiguous ones reach the target.
-- tables: alb_logs
-- tags: alb, web, initial-access, T1190
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT time, client_ip, classification, classification_reason, request_verb, request_url, elb_status_code, trace_id,
       _evidence_id, _ordinal
FROM alb_logs
WHERE classification IN ('Ambiguous', 'Severe')
  AND from_iso8601_timestamp(time) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY time
