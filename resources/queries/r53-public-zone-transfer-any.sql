-- title: Route 53: ANY and zone-transfer queries
-- description: Queries of type ANY, AXFR or IXFR to a public hosted zone: attempts to list the whole zone in
-- description: one go, or to use it for DNS amplification. Route 53 refuses transfers, but the asking is the
-- description: reconnaissance.
-- tables: r53_public_logs
-- tags: route53, dns, reconnaissance, T1590.002
SELECT query_ts, resolver_ip, edns_client_subnet, query_name, query_type, response_code, protocol, edge_location, _evidence_id, _ordinal
FROM r53_public_logs
WHERE query_type IN ('ANY', 'AXFR', 'IXFR')
ORDER BY query_ts
