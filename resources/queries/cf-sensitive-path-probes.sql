-- title: CloudFront: probes for secret files and path traversal
-- description: Requests through a CloudFront distribution for files a site should never serve (.env, .git,
-- description: .aws, backups, wp-config) or that climb out of the web root with ../ (plain or percent-encoded),
-- description: read from the URL-decoded path. A 2xx answer among them is a leak.
-- tables: cloudfront_logs
-- tags: cloudfront, web, reconnaissance, T1595.003
SELECT request_ts, c_ip, cs_method, cs_uri_stem, cs_uri_query, sc_status, url_decode(cs_user_agent) AS user_agent, x_edge_request_id, _evidence_id, _ordinal
FROM cloudfront_logs
WHERE regexp_like(lower(url_decode(cs_uri_stem)), '/\.(env|git|svn|aws|ssh|htpasswd|ds_store)([/?]|$)|\.\./|/etc/passwd|wp-config|\.(bak|old|sql|swp)$')
ORDER BY request_ts
