-- title: ALB: repeated 401/403 from one client
-- description: Clients of an Application Load Balancer refused (401/403 from the target) at least min_failures
-- description: times: password guessing or credential stuffing against a login form or API. succeeded says
-- description: whether the same client later got a 2xx on one of those URLs - look at it first.
-- tables: alb_logs
-- tags: alb, web, credential-access, T1110
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
-- param: min_failures text "Report clients refused at least this many times" default=5
WITH window_rows AS (
  SELECT client_ip, request_url, target_status_code, from_iso8601_timestamp(time) AS t
  FROM alb_logs
  WHERE from_iso8601_timestamp(time) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
), refused AS (
  SELECT client_ip, count(*) AS failures, min(t) AS first_failure, max(t) AS last_failure,
         array_join(array_sort(array_agg(DISTINCT request_url)), ', ') AS urls
  FROM window_rows WHERE target_status_code IN ('401', '403')
  GROUP BY client_ip
  HAVING count(*) >= CAST($min_failures AS INTEGER)
)
SELECT r.client_ip, r.failures, r.first_failure, r.last_failure, r.urls,
       EXISTS (SELECT 1 FROM window_rows w WHERE w.client_ip = r.client_ip AND w.target_status_code LIKE '2%'
               AND w.t > r.first_failure AND strpos(r.urls, w.request_url) > 0) AS succeeded
FROM refused r
ORDER BY r.failures DESC
