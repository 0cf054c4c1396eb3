-- title: Network Firewall: alerts, most severe first
-- description: Alert events of AWS Network Firewall (Suricata signatures and stateful rules), blocked or only
-- description: alerted, most severe first (severity 1 is the highest): the traffic the firewall itself
-- description: thought malicious, with both ends of the flow.
-- tables: anf_logs
-- tags: network-firewall, network, command-and-control, T1071
SELECT event_ts, firewall_name, event.alert.action AS action, event.alert.severity AS severity, event.alert.signature AS signature,
       event.alert.signature_id AS signature_id, event.alert.category AS category, event.src_ip AS src_ip, event.src_port AS src_port,
       event.dest_ip AS dest_ip, event.dest_port AS dest_port, event.proto AS proto, _evidence_id, _ordinal
FROM anf_logs
WHERE event.event_type = 'alert'
ORDER BY event.alert.severity, event_ts
