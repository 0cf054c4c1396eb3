-- title: GuardDuty: findings that name an IP address
-- description: GuardDuty findings whose remote address is the given IP, or that name it anywhere in their
-- description: service details (a port probe lists several probing addresses): what GuardDuty saw an address
-- description: found in another log do, and against which principal or instance.
-- tables: guardduty_findings
-- tags: guardduty, ioc, pivot
-- param: ip ip "IP address"
SELECT coalesce(last_seen_ts, updated_ts) AS last_activity, "type", severity_label, remote_ip, principal, instance_id, api, title, sample, id, _evidence_id, _ordinal
FROM guardduty_findings
WHERE remote_ip = $ip OR strpos(json_format(service), '"' || $ip || '"') > 0
ORDER BY last_activity
