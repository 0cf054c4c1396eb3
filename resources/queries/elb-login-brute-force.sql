-- title: Classic ELB: repeated 401/403 from one client
-- description: Clients of a Classic Load Balancer refused (401/403 from the back end) at least min_failures
-- description: times: password guessing or credential stuffing. succeeded says whether the same client later
-- description: got a 2xx on one of those URLs - look at it first.
-- tables: elb_logs
-- tags: elb, web, credential-access, T1110
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
-- param: min_failures text "Report clients refused at least this many times" default=5
WITH window_rows AS (
  SELECT request_ip, url, backend_response_code, from_iso8601_timestamp(request_timestamp) AS t
  FROM elb_logs
  WHERE from_iso8601_timestamp(request_timestamp) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
), refused AS (
  SELECT request_ip, count(*) AS failures, min(t) AS first_failure, max(t) AS last_failure,
         array_join(array_sort(array_agg(DISTINCT url)), ', ') AS urls
  FROM window_rows WHERE backend_response_code IN ('401', '403')
  GROUP BY request_ip
  HAVING count(*) >= CAST($min_failures AS INTEGER)
)
SELECT r.request_ip, r.failures, r.first_failure, r.last_failure, r.urls,
       EXISTS (SELECT 1 FROM window_rows w WHERE w.request_ip = r.request_ip AND w.backend_response_code LIKE '2%'
               AND w.t > r.first_failure AND strpos(r.urls, w.url) > 0) AS succeeded
FROM refused r
ORDER BY r.failures DESC
