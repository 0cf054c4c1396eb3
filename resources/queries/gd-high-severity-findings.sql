-- title: GuardDuty: high and critical findings to work first
-- description: Active GuardDuty findings at or above a severity (7 = High, 9 = Critical in GuardDuty's levels),
-- description: newest activity first, leaving out archived findings and GuardDuty's generated sample findings
-- description: (additionalInfo.sample), with the principal, instance and remote address each one names.
-- tables: guardduty_findings
-- tags: guardduty, triage, findings
-- param: min_severity text "Severity at least (0-10)" default=7
SELECT coalesce(last_seen_ts, updated_ts) AS last_activity, severity, severity_label, "type", title, accountid, region, resource_type,
       principal, access_key_id, instance_id, remote_ip, occurrences, id, _evidence_id, _ordinal
FROM guardduty_findings
WHERE severity >= CAST($min_severity AS DOUBLE) AND NOT sample AND coalesce(archived, false) = false
ORDER BY severity DESC, last_activity DESC
