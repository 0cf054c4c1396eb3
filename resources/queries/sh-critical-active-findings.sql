-- title: Security Hub: critical and high findings still open
-- description: Active Security Hub findings labelled CRITICAL or HIGH whose workflow is not resolved or
-- description: suppressed and whose compliance check did not pass: what is still open, from every product
-- description: (GuardDuty, Inspector, Config and the security standards), newest first.
-- tables: securityhub_findings
-- tags: securityhub, triage, findings
SELECT updated_ts, severity."Label" AS severity_label, productarn, generatorid, title, awsaccountid, region,
       array_join(resource_ids, ', ') AS resources, workflow."Status" AS workflow_status, compliance."Status" AS compliance_status, id, _evidence_id, _ordinal
FROM securityhub_findings
WHERE severity."Label" IN ('CRITICAL', 'HIGH') AND recordstate = 'ACTIVE'
  AND coalesce(workflow."Status", workflowstate, 'NEW') NOT IN ('RESOLVED', 'SUPPRESSED')
  AND coalesce(compliance."Status", '') <> 'PASSED'
ORDER BY updated_ts DESC
