-- title: ALB connections: many connections from one client in an hour
-- description: Clients that opened at least min_connections connections to an Application Load Balancer within
-- description: one clock hour: scanning, TLS probing, a flood, or a client that never reuses its connections.
-- tables: alb_connection_logs
-- tags: alb, tls, reconnaissance, impact, T1595, T1498
-- param: min_connections text "Report clients with at least this many connections in an hour" default=20
SELECT client_ip, date_trunc('hour', conn_ts) AS hour, count(*) AS connections, count(DISTINCT listener_port) AS listener_ports,
       count(*) FILTER (WHERE tls_verify_status LIKE 'Failed%') AS failed, min(time) AS first_seen, max(time) AS last_seen
FROM alb_connection_logs
GROUP BY client_ip, date_trunc('hour', conn_ts)
HAVING count(*) >= CAST($min_connections AS INTEGER)
ORDER BY connections DESC
