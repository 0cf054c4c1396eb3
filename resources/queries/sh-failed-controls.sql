-- title: Security Hub: failed controls and the resources failing them
-- description: Active findings of the security standards whose compliance status is FAILED, grouped by control:
-- description: how many resources fail it, which, in which accounts. Misconfigurations an attacker may have used
-- description: (public buckets, open security groups, root without MFA).
-- tables: securityhub_findings
-- tags: securityhub, compliance, exposure
SELECT coalesce(compliance."SecurityControlId", json_extract_scalar(productfields, '$.ControlId'), json_extract_scalar(productfields, '$.RuleId'), generatorid) AS control,
       max(title) AS title, max(severity."Normalized") AS max_severity, count(*) AS failing,
       array_join(array_sort(array_agg(DISTINCT awsaccountid)), ', ') AS accounts, array_join(array_sort(array_distinct(flatten(array_agg(resource_ids)))), ', ') AS resources
FROM securityhub_findings
WHERE compliance."Status" = 'FAILED' AND recordstate = 'ACTIVE'
GROUP BY 1
ORDER BY max_severity DESC, failing DESC
