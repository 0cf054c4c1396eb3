-- CloudTrail events, shaped like the Athena user guide's CloudTrail DDL (create-cloudtrail-table) so
-- queries from AWS incident-response guidance run as written. Athena declares almost everything STRING;
-- we keep VARCHAR the same way (readonly/managementevent hold 'true'/'false' as Athena shows them).
-- The free-form objects (requestparameters, responseelements, ...) are JSON text, as in Athena.
CREATE TABLE IF NOT EXISTS cloudtrail (
  eventversion VARCHAR,
  useridentity STRUCT(
    type VARCHAR,
    principalid VARCHAR,
    arn VARCHAR,
    accountid VARCHAR,
    invokedby VARCHAR,
    accesskeyid VARCHAR,
    username VARCHAR,
    onbehalfof STRUCT(userid VARCHAR, identitystorearn VARCHAR),
    sessioncontext STRUCT(
      attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR),
      sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR),
      ec2roledelivery VARCHAR,
      sourceidentity VARCHAR,
      webidfederationdata STRUCT(federatedprovider VARCHAR, attributes MAP(VARCHAR, VARCHAR))
    )
  ),
  eventtime VARCHAR,                 -- the record's own text, e.g. 2024-07-31T13:06:24Z
  eventsource VARCHAR,
  eventname VARCHAR,
  awsregion VARCHAR,
  sourceipaddress VARCHAR,
  useragent VARCHAR,
  errorcode VARCHAR,
  errormessage VARCHAR,
  requestparameters JSON,
  responseelements JSON,
  additionaleventdata JSON,
  -- Uncompressed: unique ids (UUIDs), which DICT_FSST analyses, hashes and compresses for little gain. 1M bench
  -- events, INSERT alone, nine alternated pairs: 0.1-1.0 CPU-s less in each (of ~13-14), for 35 MB more (300 -> 335 MB).
  requestid VARCHAR USING COMPRESSION uncompressed,
  eventid VARCHAR USING COMPRESSION uncompressed,
  resources STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[],
  eventtype VARCHAR,
  apiversion VARCHAR,
  readonly VARCHAR,
  recipientaccountid VARCHAR,
  serviceeventdetails JSON,
  sharedeventid VARCHAR,
  vpcendpointid VARCHAR,
  vpcendpointaccountid VARCHAR,
  eventcategory VARCHAR,
  addendum STRUCT(reason VARCHAR, updatedfields VARCHAR, originalrequestid VARCHAR, originaleventid VARCHAR),
  sessioncredentialfromconsole VARCHAR,
  edgedevicedetails JSON,
  tlsdetails STRUCT(tlsversion VARCHAR, ciphersuite VARCHAR, clientprovidedhostheader VARCHAR),
  -- Newer record fields, not (yet) in the Athena DDL.
  managementevent VARCHAR,
  insightdetails JSON,
  -- Typed time for range queries: eventtime as naive UTC. NULL never happens (such records are rejected).
  event_ts TIMESTAMP,
  -- Partition-style columns used by Athena setups (manual partitioning and partition projection):
  -- taken from the S3 key AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/ when the file came
  -- from that layout, otherwise derived from the record (awsregion, eventtime, recipientaccountid).
  region VARCHAR,
  "year" VARCHAR,
  "month" VARCHAR,
  "day" VARCHAR,
  "timestamp" VARCHAR,               -- yyyy/MM/dd, as in the partition-projection DDL
  date_partition VARCHAR,            -- yyyy/MM/dd
  region_partition VARCHAR,
  account_partition VARCHAR,
  -- The whole record, its text exactly as in the evidence: no field is ever lost, fields outside the schema
  -- stay queryable (_raw->>'$.x'; DuckDB's JSON functions take text). VARCHAR, not JSON: json_transform has
  -- already parsed every record (and refuses what is not one JSON value), so the cast's second parse bought
  -- nothing (1M bench events, alternated: 11.24-11.44 s against 11.70-11.89 s). Cases made before keep JSON.
  -- ZSTD: it is ~80% of the stored bytes and rarely scanned; DuckDB's default analysis and FSST cost
  -- 1M bench events 12.7 s and 948 MB, ZSTD 8.9 s and 523 MB.
  _raw VARCHAR USING COMPRESSION zstd,
  _evidence_id INTEGER,
  _ordinal BIGINT,
  -- hash() of the row's other columns, computed by insert-events.sql while the values are in memory: the seal
  -- of a committed file is summed from it (decision 0003). Not itself sealed; verify never reads it.
  _row_hash UBIGINT
);
-- Cases made before the row hash: their rows keep NULL and are sealed and verified from their values.
ALTER TABLE cloudtrail ADD COLUMN IF NOT EXISTS _row_hash UBIGINT;

CREATE OR REPLACE VIEW cloudtrail_logs AS SELECT * FROM cloudtrail;
