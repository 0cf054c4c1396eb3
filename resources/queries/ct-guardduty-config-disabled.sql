-- title: GuardDuty, Security Hub or Config disabled
-- description: Calls that switch off or weaken AWS detection and recording services: GuardDuty detectors
-- description: deleted or disabled (UpdateDetector with enable = false), members disassociated, Security Hub
-- description: disabled, AWS Config recorders stopped or deleted and delivery channels deleted. Failed
-- description: attempts are included, with their error code.
-- tables: cloudtrail_logs
-- tags: defense-evasion, guardduty, config, T1562.001
-- param: start timestamp "Window start (UTC)" default=1970-01-01T00:00:00Z
-- param: end timestamp "Window end (UTC)" default=2100-01-01T00:00:00Z
SELECT eventtime, eventsource, eventname, useridentity.arn AS arn, errorcode, requestparameters,
       sourceipaddress, awsregion, recipientaccountid, eventid, _evidence_id, _ordinal
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) BETWEEN from_iso8601_timestamp($start) AND from_iso8601_timestamp($end)
  AND (
    (eventsource = 'guardduty.amazonaws.com'
      AND (eventname IN ('DeleteDetector', 'DisassociateFromMasterAccount', 'DisassociateFromAdministratorAccount',
                         'DisassociateMembers', 'DeleteMembers', 'StopMonitoringMembers', 'DeletePublishingDestination')
           OR (eventname = 'UpdateDetector' AND json_extract_scalar(requestparameters, '$.enable') = 'false')))
    OR (eventsource = 'securityhub.amazonaws.com' AND eventname IN ('DisableSecurityHub', 'BatchDisableStandards'))
    OR (eventsource = 'config.amazonaws.com'
      AND eventname IN ('StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel'))
  )
ORDER BY eventtime
