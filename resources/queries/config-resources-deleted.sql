-- title: AWS Config: resources deleted
-- description: Configuration items that record a resource's deletion (ResourceDeleted, ResourceDeletedNotRecorded):
-- description: security groups, roles, trails or buckets removed during an incident, whether by the attacker
-- description: covering tracks or by responders. Their earlier items show what they were.
-- tables: config_items
-- tags: config, defense-evasion, impact, T1485
SELECT capture_ts, awsaccountid, awsregion, resourcetype, resourceid, resourcename, configurationitemstatus, _evidence_id, _ordinal
FROM config_items
WHERE configurationitemstatus IN ('ResourceDeleted', 'ResourceDeletedNotRecorded')
ORDER BY capture_ts
