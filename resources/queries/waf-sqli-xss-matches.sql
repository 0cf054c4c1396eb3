-- title: WAF: SQL injection and cross-site scripting matches
-- description: Requests a WAF rule matched as SQL injection or XSS (the terminating rule's match details, or a
-- description: managed SQLi/XSS rule group's rule), with what matched and where: injection attempts against the
-- description: application, blocked or only counted.
-- tables: waf_logs
-- tags: waf, web, initial-access, T1190
SELECT request_ts, httprequest.clientip AS client_ip, action, terminatingruleid, httprequest.httpmethod AS method, httprequest.uri AS uri,
       httprequest.args AS args, array_join(transform(terminatingrulematchdetails, d -> d.conditionType || '@' || d.location), ', ') AS matched,
       httprequest.requestid AS request_id, _evidence_id, _ordinal
FROM waf_logs
WHERE any_match(terminatingrulematchdetails, d -> d.conditionType IN ('SQL_INJECTION', 'XSS'))
   OR regexp_like(lower(terminatingruleid), 'sqli|xss')
   OR any_match(rulegrouplist, g -> regexp_like(lower(coalesce(g.terminatingRule.ruleId, '')), 'sqli|xss'))
ORDER BY request_ts
