-- title: Route 53 Resolver: which instances looked up a domain
-- description: Every Resolver query for a domain or any name under it, with the asking instance or resolver
-- description: endpoint and the addresses answered: the instances that contacted a phishing or C2 domain
-- description: found in another log, and where that name pointed at the time.
-- tables: r53_rlogs
-- tags: route53, dns, pivot
-- param: domain text "Domain (its subdomains too)" default=phish-example.com
SELECT query_ts, srcids.instance AS instance, srcids.resolver_endpoint AS resolver_endpoint, srcaddr, query_name, query_type, rcode,
       array_join(transform(answers, a -> a.Rdata), ', ') AS answered, _evidence_id, _ordinal
FROM r53_rlogs
WHERE lower(rtrim(query_name, '.')) = lower($domain) OR lower(rtrim(query_name, '.')) LIKE '%.' || lower($domain)
ORDER BY query_ts
