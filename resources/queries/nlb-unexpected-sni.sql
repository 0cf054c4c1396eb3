-- title: NLB: connections to names outside the expected ones
-- description: TLS connections whose SNI name (domain_name) is not one of the names the service publishes:
-- description: clients that know internal or retired names, or scan by guessing host names.
-- tables: nlb_tls_logs
-- tags: nlb, tls, discovery
-- param: expected text "Published names, comma-separated" default=api.example.com
SELECT client_ip, domain_name, count(*) AS connections, min(time) AS first_seen, max(time) AS last_seen
FROM nlb_tls_logs
WHERE domain_name <> '-' AND NOT contains(split($expected, ','), domain_name)
GROUP BY client_ip, domain_name
ORDER BY connections DESC
