-- AWS Security Hub findings (ASFF), one row per finding: the ASFF attributes lower-cased (Severity, Compliance,
-- Workflow and Note as structs; the other objects and lists as JSON), computed columns (times as UTC
-- timestamps, the resources' ids and types, a source address), the top-level keys no column holds, the
-- finding as read (`_raw`), and provenance (_ordinal = line of a JSON-lines file of findings, otherwise the
-- finding's place in the file: an event's findings are numbered in the order they appear).
CREATE TABLE IF NOT EXISTS securityhub_findings (
  schemaversion VARCHAR, id VARCHAR, productarn VARCHAR, productname VARCHAR, companyname VARCHAR, region VARCHAR, generatorid VARCHAR,
  awsaccountid VARCHAR, awsaccountname VARCHAR, types VARCHAR[], firstobservedat VARCHAR, lastobservedat VARCHAR, createdat VARCHAR,
  updatedat VARCHAR, processedat VARCHAR, severity STRUCT("Label" VARCHAR, "Normalized" INTEGER, "Original" VARCHAR, "Product" DOUBLE),
  confidence INTEGER, criticality INTEGER, title VARCHAR, description VARCHAR, remediation JSON, sourceurl VARCHAR, productfields JSON,
  userdefinedfields JSON, malware JSON, network JSON, networkpath JSON, process JSON, threats JSON, threatintelindicators JSON,
  resources JSON, compliance STRUCT("Status" VARCHAR, "RelatedRequirements" VARCHAR[], "SecurityControlId" VARCHAR),
  verificationstate VARCHAR, workflowstate VARCHAR, workflow STRUCT("Status" VARCHAR), recordstate VARCHAR, relatedfindings JSON,
  note STRUCT("Text" VARCHAR, "UpdatedBy" VARCHAR, "UpdatedAt" VARCHAR), vulnerabilities JSON, patchsummary JSON, action JSON,
  findingproviderfields JSON, sample BOOLEAN, generatordetails JSON,
  created_ts TIMESTAMP, updated_ts TIMESTAMP, resource_ids VARCHAR[], resource_types VARCHAR[], source_ip VARCHAR,
  _unknown_fields JSON, _raw VARCHAR USING COMPRESSION zstd,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
