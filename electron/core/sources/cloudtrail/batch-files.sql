-- The staged files of the batch being imported, with their evidence ids and S3-key partition values.
CREATE OR REPLACE TEMP TABLE cloudtrail_batch_files (
  filename VARCHAR, evidence_id INTEGER,
  p_region VARCHAR, p_year VARCHAR, p_month VARCHAR, p_day VARCHAR, p_account VARCHAR
);
