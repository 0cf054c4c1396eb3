-- S3 server access logs: the Athena user guide's s3_access_logs columns and types (quoted fields keep their
-- quotes, as Athena's RegexSerDe reads them), then `request_ts` (requestdatetime as a UTC timestamp, for
-- time filters without date_parse), fields newer than Cairn knows, and provenance (_ordinal = line number).
CREATE TABLE IF NOT EXISTS s3_access_logs (
  bucketowner VARCHAR, bucket_name VARCHAR, requestdatetime VARCHAR, remoteip VARCHAR, requester VARCHAR, requestid VARCHAR,
  operation VARCHAR, "key" VARCHAR, request_uri VARCHAR, httpstatus VARCHAR, errorcode VARCHAR, bytessent BIGINT, objectsize BIGINT,
  totaltime VARCHAR, turnaroundtime VARCHAR, referrer VARCHAR, useragent VARCHAR, versionid VARCHAR, hostid VARCHAR, sigv VARCHAR,
  ciphersuite VARCHAR, authtype VARCHAR, endpoint VARCHAR, tlsversion VARCHAR, accesspointarn VARCHAR, aclrequired VARCHAR,
  sourceregion VARCHAR,
  request_ts TIMESTAMP, _unknown_fields VARCHAR,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
