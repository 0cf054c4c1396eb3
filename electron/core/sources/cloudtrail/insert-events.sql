-- Turns CloudTrail records into `cloudtrail` rows in one pass.
-- RECORDS is a relation (filename, ord, rec): one row per record with its 1-based ordinal; rec is JSON, or
-- for record lines the line's text (VARCHAR), parsed here for the first time. A line that is not one JSON
-- value fails the statement (json_transform refuses it, as a cast to JSON would): no TRY, which cost ~0.4 s per 1M
-- events; the importer reads such a file again as a whole document.
-- STRUCT is EVENT_STRUCT (event-struct.ts). cloudtrail_batch_files maps each staged file to its
-- evidence id and the partition values of its S3 key (NULL when the path is not the AWSLogs layout).
-- Records that are not CloudTrail-shaped are inserted too (event_ts NULL) and moved to cairn_rejects
-- by sweep-rejects.sql, so every record is parsed only once.
-- _row_hash is hash() of the row as the table stores it (the columns of `r` in the table's order and types, so a
-- test compares it with the recomputed hash), made here so sealing need not read the rows back (decision 0003).
INSERT INTO cloudtrail BY NAME
SELECT r.*, hash(r) AS _row_hash FROM (
WITH recs AS (
  {{RECORDS}}
), typed AS (
  SELECT f.*, r.ord, r.rec, json_transform(r.rec, '{{STRUCT}}') AS s
  -- LEFT JOIN: every file read is registered, so it matches like an inner join; an inner join lets DuckDB
  -- push a filter on filename into read_json, which halved the read's speed (740 files: 7.3 -> 3.8 s).
  FROM recs r LEFT JOIN cloudtrail_batch_files f ON f.filename = r.filename
), timed AS (
  SELECT *,
    -- CloudTrail writes 2024-07-31T13:06:24Z; the cast covers other ISO-8601 forms (offsets, fractions).
    coalesce(try_strptime(s.eventTime, '%Y-%m-%dT%H:%M:%SZ'), try_cast(s.eventTime AS TIMESTAMPTZ)::TIMESTAMP) AS ts
  FROM typed
)
SELECT
  s.eventVersion AS eventversion, s.userIdentity AS useridentity, s.eventTime AS eventtime,
  s.eventSource AS eventsource, s.eventName AS eventname, s.awsRegion AS awsregion,
  s.sourceIPAddress AS sourceipaddress, s.userAgent AS useragent, s.errorCode AS errorcode,
  s.errorMessage AS errormessage, s.requestParameters AS requestparameters,
  s.responseElements AS responseelements, s.additionalEventData AS additionaleventdata,
  s.requestID AS requestid, s.eventID AS eventid, s.resources AS resources, s.eventType AS eventtype,
  s.apiVersion AS apiversion, s.readOnly AS readonly, s.recipientAccountId AS recipientaccountid,
  s.serviceEventDetails AS serviceeventdetails, s.sharedEventID AS sharedeventid,
  s.vpcEndpointId AS vpcendpointid, s.vpcEndpointAccountId AS vpcendpointaccountid,
  s.eventCategory AS eventcategory, s.addendum AS addendum,
  s.sessionCredentialFromConsole AS sessioncredentialfromconsole, s.edgeDeviceDetails AS edgedevicedetails,
  s.tlsDetails AS tlsdetails, s.managementEvent AS managementevent, s.insightDetails AS insightdetails,
  ts AS event_ts,
  coalesce(p_region, s.awsRegion) AS region,
  coalesce(p_year, strftime(ts, '%Y')) AS "year",
  coalesce(p_month, strftime(ts, '%m')) AS "month",
  coalesce(p_day, strftime(ts, '%d')) AS "day",
  coalesce(p_year || '/' || p_month || '/' || p_day, strftime(ts, '%Y/%m/%d')) AS "timestamp",
  coalesce(p_year || '/' || p_month || '/' || p_day, strftime(ts, '%Y/%m/%d')) AS date_partition,
  coalesce(p_region, s.awsRegion) AS region_partition,
  coalesce(p_account, s.recipientAccountId) AS account_partition,
  rec AS _raw, evidence_id AS _evidence_id, ord AS _ordinal
FROM timed
) AS r
