-- title: Route 53: who looked up a name
-- description: Every query to a public hosted zone for a name (or the names under it), with the resolver and,
-- description: where the resolver sent one, the client's subnet (EDNS): who found a phishing or staging host,
-- description: and when it was first looked up.
-- tables: r53_public_logs
-- tags: route53, dns, pivot
-- param: name text "Name (its subdomains too)" default=vpn.example.com
SELECT query_ts, query_name, query_type, response_code, resolver_ip, edns_client_subnet, edge_location, _evidence_id, _ordinal
FROM r53_public_logs
WHERE lower(rtrim(query_name, '.')) = lower($name) OR lower(rtrim(query_name, '.')) LIKE '%.' || lower($name)
ORDER BY query_ts
