-- AWS Config configuration items (history and snapshot files, change notifications): the Athena guide's
-- awsconfig item fields as columns, the item's JSON parts as JSON, `capture_ts` (UTC), the keys the table
-- lacks, and provenance (_ordinal = the item's place in the file).
CREATE TABLE IF NOT EXISTS config_items (
  configurationitemversion VARCHAR, configurationitemcapturetime VARCHAR, configurationstateid BIGINT, awsaccountid VARCHAR,
  configurationitemstatus VARCHAR, resourcetype VARCHAR, resourceid VARCHAR, resourcename VARCHAR, arn VARCHAR, awsregion VARCHAR,
  availabilityzone VARCHAR, configurationstatemd5hash VARCHAR, resourcecreationtime VARCHAR,
  relatedevents JSON, relationships JSON, configuration JSON, supplementaryconfiguration JSON, tags JSON,
  capture_ts TIMESTAMP, _unknown_fields JSON,
  _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL
);
