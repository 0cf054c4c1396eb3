-- title: ALB connections: old TLS protocols and weak ciphers
-- description: Connections an Application Load Balancer negotiated with SSLv3, TLS 1.0 or 1.1, or with a weak
-- description: cipher (RC4, DES/3DES, NULL, EXPORT, MD5), per client: outdated clients, or tooling that forces a
-- description: weak session. The listener's security policy allowed them.
-- tables: alb_connection_logs
-- tags: alb, tls, hygiene
SELECT client_ip, tls_protocol, tls_cipher, count(*) AS connections, min(time) AS first_seen, max(time) AS last_seen
FROM alb_connection_logs
WHERE tls_protocol IN ('SSLv3', 'TLSv1', 'TLSv1.1')
   OR regexp_like(tls_cipher, '(RC4|DES|NULL|EXPORT|MD5)')
GROUP BY client_ip, tls_protocol, tls_cipher
ORDER BY connections DESC
