-- title: Classic ELB: every request from an address or range
-- description: All requests a Classic Load Balancer logged from one client address or CIDR range, in time
-- description: order: what an address already seen elsewhere (CloudTrail, flow logs) did on the web tier.
-- tables: elb_logs
-- tags: elb, web, pivot
-- param: cidr text "Client address or CIDR range" default=203.0.113.0/24
SELECT request_timestamp, request_ip, request_verb, url, elb_response_code, backend_response_code, user_agent, _evidence_id, _ordinal
FROM elb_logs
WHERE request_ip <> '-' AND contains($cidr, CAST(request_ip AS IPADDRESS))
ORDER BY request_timestamp
