-- title: NLB: clients whose TLS handshakes end in alerts
-- description: Clients that sent TLS alerts to a Network Load Balancer (incoming_tls_alert set, no protocol
-- description: negotiated): handshake failures of scanners and TLS fingerprinting tools, or a misconfigured
-- description: client. Many alerts from one address over several ports is probing.
-- tables: nlb_tls_logs
-- tags: nlb, tls, reconnaissance, T1595
SELECT client_ip, count(*) AS connections, count(DISTINCT client_port) AS source_ports,
       array_join(array_sort(array_agg(DISTINCT CAST(incoming_tls_alert AS VARCHAR))), ', ') AS alerts,
       min(time) AS first_seen, max(time) AS last_seen
FROM nlb_tls_logs
WHERE incoming_tls_alert IS NOT NULL
GROUP BY client_ip
ORDER BY connections DESC
