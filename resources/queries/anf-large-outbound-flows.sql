-- title: Network Firewall: large flows to public addresses
-- description: Flow (netflow) records of at least a threshold of bytes from a private address to a public one:
-- description: bulk transfer out of the VPC, possible exfiltration. Flows between private addresses are left out.
-- tables: anf_logs
-- tags: network-firewall, network, exfiltration, T1048
-- param: min_bytes text "Bytes at least" default=100000000
SELECT event.netflow.start AS flow_start, event.netflow."end" AS flow_end, event.src_ip AS src_ip, event.dest_ip AS dest_ip,
       event.dest_port AS dest_port, event.proto AS proto, event.netflow.bytes AS bytes, event.netflow.pkts AS packets, firewall_name, _evidence_id, _ordinal
FROM anf_logs
WHERE event.event_type = 'netflow' AND event.netflow.bytes >= CAST($min_bytes AS BIGINT)
  AND NOT contains('10.0.0.0/8', CAST(event.dest_ip AS IPADDRESS)) AND NOT contains('172.16.0.0/12', CAST(event.dest_ip AS IPADDRESS))
  AND NOT contains('192.168.0.0/16', CAST(event.dest_ip AS IPADDRESS))
ORDER BY bytes DESC
