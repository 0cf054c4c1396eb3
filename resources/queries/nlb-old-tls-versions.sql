-- title: NLB: TLS 1.0 and 1.1 connections
-- description: Connections a Network Load Balancer's TLS listener negotiated with TLS 1.0 or 1.1, per client
-- description: and SNI name: outdated clients, or tooling that forces an old protocol to weaken the session.
-- tables: nlb_tls_logs
-- tags: nlb, tls, hygiene
SELECT client_ip, tls_protocol_version, domain_name, count(*) AS connections, min(time) AS first_seen, max(time) AS last_seen
FROM nlb_tls_logs
WHERE tls_protocol_version IN ('tlsv1', 'tlsv11')
GROUP BY client_ip, tls_protocol_version, domain_name
ORDER BY connections DESC
