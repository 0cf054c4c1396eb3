-- CloudTrail events that turn logging off, back on, or reduce what it records (coverage/ledger.ts names the
-- kind of each). The target is what was changed: a trail (name or ARN), a Config recorder or channel, flow logs.
SELECT strftime(event_ts, '%Y-%m-%dT%H:%M:%SZ') AS at,
       eventname AS event_name,
       coalesce(recipientaccountid, account_partition, '') AS account,
       coalesce(awsregion, region_partition, '') AS region,
       coalesce(json_extract_string(requestparameters, '$.name'),
                json_extract_string(requestparameters, '$.trailName'),
                json_extract_string(requestparameters, '$.configurationRecorderName'),
                json_extract_string(requestparameters, '$.configurationRecorder.name'),
                json_extract_string(requestparameters, '$.deliveryChannelName'),
                CAST(json_extract(requestparameters, '$.DeleteFlowLogsRequest.FlowLogId') AS VARCHAR),
                CAST(json_extract(requestparameters, '$.flowLogIds') AS VARCHAR),
                '') AS target,
       coalesce(useridentity.arn, useridentity.principalid, '') AS actor,
       errorcode AS error_code,
       eventid AS event_id,
       _evidence_id AS evidence_id,
       _ordinal AS ordinal
FROM cloudtrail
WHERE eventname IN ('StopLogging', 'StartLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors',
                    'DeleteFlowLogs', 'StopConfigurationRecorder', 'StartConfigurationRecorder', 'DeleteConfigurationRecorder',
                    'PutConfigurationRecorder', 'DeleteDeliveryChannel')
  AND event_ts IS NOT NULL
ORDER BY event_ts, _evidence_id, _ordinal
