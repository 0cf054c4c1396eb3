-- title: WAF: clients blocked again and again
-- description: Client addresses AWS WAF blocked at least a threshold of times, with the rules that fired and the
-- description: URIs they tried: persistent attackers rather than one stray request. Their allowed requests are
-- description: the next thing to read.
-- tables: waf_logs
-- tags: waf, web, initial-access, T1190
-- param: min_blocks text "Blocks at least" default=5
SELECT httprequest.clientip AS client_ip, httprequest.country AS country, count(*) AS blocks,
       array_join(array_sort(array_agg(DISTINCT terminatingruleid)), ', ') AS rules, count(DISTINCT httprequest.uri) AS uris,
       min(request_ts) AS first_seen, max(request_ts) AS last_seen
FROM waf_logs
WHERE action = 'BLOCK'
GROUP BY httprequest.clientip, httprequest.country
HAVING count(*) >= CAST($min_blocks AS BIGINT)
ORDER BY blocks DESC
