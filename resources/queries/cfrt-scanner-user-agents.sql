-- title: CloudFront real-time: requests from scanning tools
-- description: Real-time log records whose user agent (URL-decoded) names a vulnerability scanner or attack
-- description: tool: sqlmap, nikto, nmap, masscan, zgrab, nuclei, gobuster, wpscan and the like. Pivot on the
-- description: address into the other logs.
-- tables: cloudfront_realtime_logs
-- tags: cloudfront, web, reconnaissance, T1595.002
SELECT request_ts, c_ip, cs_method, cs_uri_stem, cs_uri_query, sc_status, url_decode(cs_user_agent) AS user_agent, x_edge_request_id, _evidence_id, _ordinal
FROM cloudfront_realtime_logs
WHERE regexp_like(lower(url_decode(cs_user_agent)), 'sqlmap|nikto|nmap|masscan|zgrab|nuclei|gobuster|dirbuster|wpscan|acunetix|nessus|openvas|whatweb|feroxbuster|ffuf')
ORDER BY request_ts
