-- title: AWS Config: security groups open to the internet
-- description: Security-group configuration items with an ingress rule from 0.0.0.0/0 or ::/0, as AWS Config
-- description: recorded them: which ports were open to the world, and since which capture. The CloudTrail query
-- description: ct-security-group-open-to-world finds who opened them.
-- tables: config_items
-- tags: config, ec2, exposure, T1190
SELECT capture_ts, awsaccountid, awsregion, resourceid, configurationitemstatus,
       json_format(json_extract(configuration, '$.ipPermissions')) AS ingress, _evidence_id, _ordinal
FROM config_items
WHERE resourcetype = 'AWS::EC2::SecurityGroup'
  AND regexp_like(coalesce(json_format(json_extract(configuration, '$.ipPermissions')), ''), '"0\.0\.0\.0/0"|"::/0"')
ORDER BY capture_ts
