-- After insert-events.sql: records that are not CloudTrail events move from `cloudtrail` to
-- cairn_rejects. Rule (documented in README.md): a record must be a JSON object with eventSource or
-- eventName (or be an Insights event, eventType AwsCloudTrailInsight with insightDetails, which names them
-- there), and an eventTime that reads as an ISO-8601 time (event_ts not NULL).
-- IDS is the batch's evidence ids.
INSERT INTO cairn_rejects (evidence_id, source, ordinal, line, byte_offset, reason, raw, raw_length)
SELECT _evidence_id, 'cloudtrail', _ordinal, NULL, NULL,
  CASE
    WHEN _raw IS NULL THEN 'record is JSON null, not an object'
    WHEN json_type(_raw) <> 'OBJECT' THEN 'record is a JSON ' || CASE json_type(_raw)
      WHEN 'VARCHAR' THEN 'string' WHEN 'ARRAY' THEN 'array' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null'
      ELSE 'number' END || ', not an object'
    WHEN eventsource IS NULL AND eventname IS NULL AND NOT insight THEN 'not a CloudTrail record: no eventSource or eventName'
    WHEN eventtime IS NULL THEN 'not a CloudTrail record: no eventTime'
    ELSE 'eventTime is not an ISO-8601 time: ' || left(eventtime, 200)
  END,
  left(coalesce(_raw::VARCHAR, 'null'), 65536),
  strlen(coalesce(_raw::VARCHAR, 'null'))
FROM (SELECT *, coalesce(eventtype = 'AwsCloudTrailInsight' AND insightdetails IS NOT NULL, false) AS insight FROM cloudtrail)
WHERE _evidence_id IN ({{IDS}}) AND (event_ts IS NULL OR (eventsource IS NULL AND eventname IS NULL AND NOT insight));

DELETE FROM cloudtrail
WHERE _evidence_id IN ({{IDS}}) AND (event_ts IS NULL OR (eventsource IS NULL AND eventname IS NULL
  AND NOT coalesce(eventtype = 'AwsCloudTrailInsight' AND insightdetails IS NOT NULL, false)));
