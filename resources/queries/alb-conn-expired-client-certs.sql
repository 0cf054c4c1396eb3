-- title: ALB connections: client certificates used outside their validity
-- description: Connections whose leaf client certificate was expired or not yet valid at the time of the
-- description: connection (from leaf_client_cert_validity), with the verify status: 'Success' means the listener
-- description: let it in (a trust store or verify mode that does not check dates), a failure is a stale device or a replay.
-- tables: alb_connection_logs
-- tags: alb, tls, mtls, credential-access
SELECT client_ip, leaf_client_cert_subject, leaf_client_cert_serial_number, tls_verify_status, cert_not_before, cert_not_after,
       count(*) AS connections, min(time) AS first_seen, max(time) AS last_seen
FROM alb_connection_logs
WHERE conn_ts > cert_not_after OR conn_ts < cert_not_before
GROUP BY client_ip, leaf_client_cert_subject, leaf_client_cert_serial_number, tls_verify_status, cert_not_before, cert_not_after
ORDER BY connections DESC
