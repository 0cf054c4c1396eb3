-- title: WAF: requests from scanning tools, allowed or not
-- description: Requests whose User-Agent header (as AWS WAF logged it) names a scanner or attack tool: nikto,
-- description: sqlmap, nmap, masscan, nuclei, zgrab and the like. Allowed ones reached the application.
-- tables: waf_logs
-- tags: waf, web, reconnaissance, T1595.002
SELECT request_ts, httprequest.clientip AS client_ip, action, terminatingruleid, httprequest.uri AS uri,
       element_at(filter(httprequest.headers, h -> lower(h.name) = 'user-agent'), 1).value AS user_agent, httprequest.requestid AS request_id, _evidence_id, _ordinal
FROM waf_logs
WHERE any_match(httprequest.headers, h -> lower(h.name) = 'user-agent'
  AND regexp_like(lower(h.value), 'sqlmap|nikto|nmap|masscan|zgrab|nuclei|gobuster|dirbuster|wpscan|acunetix|nessus|openvas|whatweb|feroxbuster|ffuf'))
ORDER BY request_ts
