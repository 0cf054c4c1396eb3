-- title: Route 53 Resolver: queries DNS Firewall blocked or alerted on
-- description: Resolver queries a DNS Firewall rule blocked or alerted on, with the instance that asked: a
-- description: workload reaching for a known-bad domain (malware command and control, a block list hit).
-- description: The instance is where to look next.
-- tables: r53_rlogs
-- tags: route53, dns, command-and-control, T1071.004
SELECT query_ts, srcids.instance AS instance, srcaddr, query_name, query_type, rcode, firewall_rule_action, firewall_rule_group_id,
       firewall_domain_list_id, account_id, vpc_id, _evidence_id, _ordinal
FROM r53_rlogs
WHERE firewall_rule_action IN ('BLOCK', 'ALERT')
ORDER BY query_ts
