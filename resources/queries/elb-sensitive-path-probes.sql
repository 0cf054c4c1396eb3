-- title: Classic ELB: probes for secret files and path traversal
-- description: Requests through a Classic Load Balancer for files a web server should never serve (.env,
-- description: .git, .aws, .ssh, backups, wp-config) or that climb out of the web root with ../ (plain or
-- description: percent-encoded): the reconnaissance before an exploit. Any 2xx answer among them is a leak.
-- tables: elb_logs
-- tags: elb, web, reconnaissance, T1595.003
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT request_timestamp, request_ip, request_verb, url, elb_response_code, backend_response_code, user_agent, elb_name,
       _evidence_id, _ordinal
FROM elb_logs
WHERE regexp_like(lower(url), '/\.(env|git|svn|aws|ssh|htpasswd|ds_store)([/?]|$)|(\.\.|%2e%2e)(/|%2f|\\\\)|/etc/passwd|wp-config|\.(bak|old|sql|swp)([?]|$)')
  AND from_iso8601_timestamp(request_timestamp) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY request_timestamp
