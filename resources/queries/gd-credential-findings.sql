-- title: GuardDuty: IAM principals whose credentials are in findings
-- description: Findings about access keys (resource type AccessKey) grouped by IAM principal and key: how many,
-- description: which finding types, from which addresses, first and last activity. Credential exfiltration and
-- description: malicious-caller findings on one principal are the lead to follow into CloudTrail. Sample
-- description: findings are left out.
-- tables: guardduty_findings
-- tags: guardduty, iam, credential-access, T1078.004
SELECT principal, access_key_id, count(*) AS findings, max(severity) AS max_severity,
       array_join(array_sort(array_agg(DISTINCT "type")), ', ') AS types, array_join(array_sort(array_agg(DISTINCT remote_ip)), ', ') AS remote_ips,
       min(coalesce(first_seen_ts, created_ts)) AS first_activity, max(coalesce(last_seen_ts, updated_ts)) AS last_activity
FROM guardduty_findings
WHERE resource_type = 'AccessKey' AND NOT sample
GROUP BY principal, access_key_id
ORDER BY max_severity DESC, findings DESC
