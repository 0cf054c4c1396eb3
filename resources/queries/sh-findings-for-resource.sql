-- title: Security Hub: every finding about a resource
-- description: Findings whose resources include one whose id or ARN contains the given text (a bucket name, an
-- description: instance id, an access key): everything every product reported about a resource met in another log.
-- tables: securityhub_findings
-- tags: securityhub, pivot
-- param: resource text "Resource id, ARN or part of it" default=hunt-data-bucket
SELECT updated_ts, severity."Label" AS severity_label, productarn, title, compliance."Status" AS compliance_status, workflow."Status" AS workflow_status,
       recordstate, array_join(resource_ids, ', ') AS resources, id, _evidence_id, _ordinal
FROM securityhub_findings
WHERE any_match(resource_ids, r -> strpos(lower(r), lower($resource)) > 0)
ORDER BY updated_ts
