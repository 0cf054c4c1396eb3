-- title: CloudFront real-time: probes for secret files and path traversal
-- description: Real-time log records of requests for files a site should never serve (.env, .git, .aws,
-- description: backups, wp-config) or that climb out of the web root with ../ (plain or percent-encoded), read
-- description: from the URL-decoded path. A 2xx answer among them is a leak, seen seconds after it happened.
-- tables: cloudfront_realtime_logs
-- tags: cloudfront, web, reconnaissance, T1595.003
SELECT request_ts, c_ip, cs_method, cs_host, cs_uri_stem, cs_uri_query, sc_status, url_decode(cs_user_agent) AS user_agent, x_edge_request_id, _evidence_id, _ordinal
FROM cloudfront_realtime_logs
WHERE regexp_like(lower(url_decode(url_decode(cs_uri_stem))), '/\.(env|git|svn|aws|ssh|htpasswd|ds_store)([/?]|$)|\.\./|/etc/passwd|wp-config|\.(bak|old|sql|swp)$')
ORDER BY request_ts
