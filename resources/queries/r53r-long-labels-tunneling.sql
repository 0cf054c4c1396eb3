-- title: Route 53 Resolver: very long labels (DNS tunnelling or exfiltration)
-- description: Resolver queries with a label of at least a threshold of characters: data encoded into names
-- description: (base32/hex) to tunnel or exfiltrate over DNS, often as TXT queries to one domain. Legitimate
-- description: long labels (CDN hashes) exist; the instance and the domain decide.
-- tables: r53_rlogs
-- tags: route53, dns, exfiltration, T1048.003, T1071.004
-- param: min_label text "Label length at least" default=40
SELECT query_ts, srcids.instance AS instance, srcaddr, query_name, query_type, rcode, length(query_name) AS name_length, _evidence_id, _ordinal
FROM r53_rlogs
WHERE any_match(split(query_name, '.'), l -> length(l) >= CAST($min_label AS INTEGER))
ORDER BY query_ts
