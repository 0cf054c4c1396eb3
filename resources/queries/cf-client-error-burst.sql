-- title: CloudFront: clients collecting many 4xx answers
-- description: Client addresses that drew at least a threshold of 4xx answers (403 forbidden, 404 missing)
-- description: from a distribution: content discovery and forced browsing. The paths tried are listed.
-- tables: cloudfront_logs
-- tags: cloudfront, web, reconnaissance, T1595.003
-- param: min_errors text "4xx answers at least" default=10
SELECT c_ip, count(*) AS errors, count(DISTINCT cs_uri_stem) AS paths, array_join(array_sort(array_agg(DISTINCT cs_uri_stem)), ', ') AS sample_paths,
       min(request_ts) AS first_seen, max(request_ts) AS last_seen
FROM cloudfront_logs
WHERE sc_status BETWEEN 400 AND 499
GROUP BY c_ip
HAVING count(*) >= CAST($min_errors AS BIGINT)
ORDER BY errors DESC
