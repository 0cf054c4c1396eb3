-- Per file of the batch: records read (rows inserted before the sweep) and the highest ordinal.
-- read > max ordinal means the file held several top-level JSON values (ordinals restarted).
SELECT _evidence_id AS evidence_id, count(*) AS records, max(_ordinal) AS max_ordinal,
       count(*) FILTER (WHERE event_ts IS NULL OR (eventsource IS NULL AND eventname IS NULL
         AND NOT coalesce(eventtype = 'AwsCloudTrailInsight' AND insightdetails IS NOT NULL, false))) AS rejected
FROM cloudtrail WHERE _evidence_id IN ({{IDS}}) GROUP BY _evidence_id
