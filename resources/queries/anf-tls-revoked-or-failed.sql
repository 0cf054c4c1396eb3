-- title: Network Firewall: TLS to revoked or unverifiable certificates
-- description: TLS connections the firewall's inspection found going to a revoked certificate or failing
-- description: verification: malware infrastructure often uses self-signed or revoked certificates. The SNI names
-- description: the destination.
-- tables: anf_logs
-- tags: network-firewall, tls, command-and-control, T1573
SELECT event_ts, firewall_name, event.src_ip AS src_ip, event.dest_ip AS dest_ip, event.dest_port AS dest_port, event.sni AS sni,
       event.revocation_check.status AS revocation_status, event.revocation_check.action AS revocation_action,
       event.tls_error.error_message AS tls_error, _evidence_id, _ordinal
FROM anf_logs
WHERE event.revocation_check.status IN ('REVOKED', 'UNKNOWN') OR event.tls_error.error_message IS NOT NULL
ORDER BY event_ts
