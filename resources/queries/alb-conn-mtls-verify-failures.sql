-- title: ALB connections: failed mutual-TLS verification
-- description: Connections an Application Load Balancer refused because the client certificate failed mutual-TLS
-- description: verification (tls_verify_status Failed:<reason>), per client, certificate subject and reason:
-- description: an untrusted, revoked or expired certificate tried again and again is someone trying to get in.
-- tables: alb_connection_logs
-- tags: alb, tls, mtls, credential-access
SELECT client_ip, leaf_client_cert_subject, tls_verify_status, count(*) AS connections,
       count(DISTINCT leaf_client_cert_serial_number) AS certificates, min(time) AS first_seen, max(time) AS last_seen
FROM alb_connection_logs
WHERE tls_verify_status LIKE 'Failed%'
GROUP BY client_ip, leaf_client_cert_subject, tls_verify_status
ORDER BY connections DESC
