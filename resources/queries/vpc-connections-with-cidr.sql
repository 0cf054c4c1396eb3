-- title: Connections to or from an IP or CIDR
-- description: Every flow whose source or destination falls in the given CIDR (a single address is x.x.x.x/32
-- description: or an IPv6 /128), with the direction relative to that network: everything a suspicious address
-- description: or range talked to, accepted or rejected.
-- tables: vpc_flow_logs
-- tags: vpc, network, ioc, triage
-- param: cidr cidr "Network, e.g. 198.51.100.0/24 or 198.51.100.7/32"
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT from_unixtime(start) AS start_time, from_unixtime("end") AS end_time,
       CASE WHEN contains($cidr, CAST(dstaddr AS IPADDRESS)) THEN 'to' ELSE 'from' END AS direction,
       srcaddr, srcport, dstaddr, dstport, protocol, packets, bytes, action, interface_id, account_id, _evidence_id, _ordinal
FROM vpc_flow_logs
WHERE (contains($cidr, CAST(srcaddr AS IPADDRESS)) OR contains($cidr, CAST(dstaddr AS IPADDRESS)))
  AND from_unixtime(start) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
ORDER BY start_time
