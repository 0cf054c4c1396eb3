-- title: Route 53: resolvers asking for many names that do not exist
-- description: Resolver addresses whose queries to a public hosted zone came back NXDOMAIN at least a threshold
-- description: of times: subdomain enumeration (brute-forcing names like dev, vpn, admin) before an attack on
-- description: whatever is found. The names tried are listed.
-- tables: r53_public_logs
-- tags: route53, dns, reconnaissance, T1590.002
-- param: min_nxdomain text "NXDOMAIN answers at least" default=5
SELECT resolver_ip, hosted_zone_id, count(*) AS nxdomain, count(DISTINCT query_name) AS names,
       array_join(array_sort(array_agg(DISTINCT query_name)), ', ') AS sample_names, min(query_ts) AS first_seen, max(query_ts) AS last_seen
FROM r53_public_logs
WHERE response_code = 'NXDOMAIN'
GROUP BY resolver_ip, hosted_zone_id
HAVING count(*) >= CAST($min_nxdomain AS BIGINT)
ORDER BY nxdomain DESC
