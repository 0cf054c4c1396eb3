-- title: ALB: probes for secret files and path traversal
-- description: Requests through an Application Load Balancer for files a web server should never serve
-- description: (.env, .git, .aws, .ssh, backups, wp-config) or that climb out of the web root with ../ (plain
-- description: or percent-encoded): the reconnaissance before an exploit. Any 2xx answer among them is a leak.
-- tables: alb_logs
-- tags: alb, web, reconnaissance, T1595.003
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT time, client_ip, request_verb, request_url, elb_status_code, target_status_code, user_agent, elb, _evidence_id, _ordinal
FROM alb_logs
WHERE regexp_like(lower(request_url), '/\.(env|git|svn|aws|ssh|htpasswd|ds_store)([/?]|$)|(\.\.|%2e%2e)(/|%2f|\\\\)|/etc/passwd|wp-config|\.(bak|old|sql|swp)([?]|$)')
  AND from_iso8601_timestamp(time) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY time
