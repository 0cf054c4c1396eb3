-- One view across sources: the spine of the timeline, of cross-source pivots ("everything IP x did, in every
-- log") and of coverage. One row per record of every source table, with its time as a UTC timestamp, the
-- source, account and region where the log says them, who acted (principal), from where (source_ip), what
-- (action) on what (target), how it ended (outcome), a one-line summary, and provenance. NULL where a log
-- does not say. Columns are VARCHAR but for event_time.
CREATE OR REPLACE VIEW events AS
SELECT event_ts AS event_time, 'cloudtrail' AS source, recipientaccountid AS account, awsregion AS region,
       coalesce(useridentity.arn, useridentity.principalid, useridentity.invokedby) AS principal, sourceipaddress AS source_ip,
       coalesce(eventsource, insightdetails->>'$.eventSource') || ':' || coalesce(eventname, insightdetails->>'$.eventName') || CASE WHEN eventtype = 'AwsCloudTrailInsight' THEN ' (Insight ' || coalesce(insightdetails->>'$.state', '') || ')' ELSE '' END AS action, CAST(resources[1].arn AS VARCHAR) AS target,
       coalesce(errorcode, 'success') AS outcome, coalesce(eventname, insightdetails->>'$.eventName', '?') || ' by ' || coalesce(useridentity.arn, useridentity.type, '?') || ' from ' || coalesce(sourceipaddress, '?') AS summary,
       _evidence_id, _ordinal
FROM cloudtrail
UNION ALL
SELECT make_timestamp(start * 1000000), 'vpcflow', account_id, region, interface_id, srcaddr, 'flow ' || CAST(protocol AS VARCHAR),
       dstaddr || ':' || CAST(dstport AS VARCHAR), action,
       coalesce(srcaddr, '-') || ':' || coalesce(CAST(srcport AS VARCHAR), '-') || ' -> ' || coalesce(dstaddr, '-') || ':' || coalesce(CAST(dstport AS VARCHAR), '-') || ' ' || coalesce(action, log_status, '') || ' ' || coalesce(CAST(bytes AS VARCHAR), '0') || ' bytes',
       _evidence_id, _ordinal
FROM vpc_flow_logs
UNION ALL
SELECT TRY_CAST(time AS TIMESTAMP), 'alb', _account_id, _region, NULL, client_ip, request_verb, request_url, CAST(elb_status_code AS VARCHAR),
       coalesce(request_verb, '-') || ' ' || coalesce(request_url, '-') || ' -> ' || coalesce(CAST(elb_status_code AS VARCHAR), '-'), _evidence_id, _ordinal
FROM alb_logs
UNION ALL
SELECT TRY_CAST(request_timestamp AS TIMESTAMP), 'elb', _account_id, _region, NULL, request_ip, request_verb, url, elb_response_code,
       coalesce(request_verb, '-') || ' ' || coalesce(url, '-') || ' -> ' || coalesce(elb_response_code, '-'), _evidence_id, _ordinal
FROM elb_logs
UNION ALL
SELECT TRY_CAST(time AS TIMESTAMP), 'nlb-tls', _account_id, _region, NULL, client_ip, 'tls ' || coalesce(tls_protocol_version, '-'), domain_name,
       CASE WHEN incoming_tls_alert IS NULL THEN 'handshake' ELSE 'alert ' || CAST(incoming_tls_alert AS VARCHAR) END,
       'TLS ' || coalesce(tls_protocol_version, '-') || ' to ' || coalesce(domain_name, elb), _evidence_id, _ordinal
FROM nlb_tls_logs
UNION ALL
SELECT conn_ts, 'alb-connection', _account_id, _region, nullif(leaf_client_cert_subject, '-'), client_ip, 'tls ' || coalesce(tls_protocol, '-'),
       'listener :' || coalesce(CAST(listener_port AS VARCHAR), '-'), tls_verify_status,
       'TLS ' || coalesce(tls_protocol, '-') || ' on :' || coalesce(CAST(listener_port AS VARCHAR), '-') || ' -> ' || coalesce(tls_verify_status, '-'), _evidence_id, _ordinal
FROM alb_connection_logs
UNION ALL
SELECT request_ts, 's3-access', NULL, sourceregion, requester, remoteip, operation, bucket_name || '/' || "key", httpstatus || CASE WHEN errorcode <> '-' THEN ' ' || errorcode ELSE '' END,
       operation || ' ' || bucket_name || '/' || "key" || ' by ' || requester || ' -> ' || httpstatus, _evidence_id, _ordinal
FROM s3_access_logs
UNION ALL
SELECT query_ts, 'r53-public', NULL, NULL, NULL, resolver_ip, 'dns ' || query_type, query_name, response_code,
       query_type || ' ' || query_name || ' -> ' || response_code, _evidence_id, _ordinal
FROM r53_public_logs
UNION ALL
SELECT query_ts, 'r53-resolver', account_id, region, coalesce(srcids.instance, srcids.resolver_endpoint), srcaddr, 'dns ' || query_type, query_name,
       rcode || CASE WHEN firewall_rule_action IS NOT NULL THEN ' ' || firewall_rule_action ELSE '' END,
       coalesce(query_type, '-') || ' ' || query_name || ' -> ' || coalesce(rcode, '-'), _evidence_id, _ordinal
FROM r53_rlogs
UNION ALL
SELECT request_ts, 'cloudfront', NULL, NULL, NULL, c_ip, cs_method, coalesce(cs_host, x_host_header) || cs_uri_stem, CAST(sc_status AS VARCHAR),
       coalesce(cs_method, '-') || ' ' || coalesce(cs_uri_stem, '-') || ' -> ' || coalesce(CAST(sc_status AS VARCHAR), '-'), _evidence_id, _ordinal
FROM cloudfront_logs
UNION ALL
SELECT request_ts, 'cloudfront-realtime', NULL, NULL, NULL, c_ip, cs_method, coalesce(cs_host, x_host_header) || cs_uri_stem, CAST(sc_status AS VARCHAR),
       coalesce(cs_method, '-') || ' ' || coalesce(cs_uri_stem, '-') || ' -> ' || coalesce(CAST(sc_status AS VARCHAR), '-'), _evidence_id, _ordinal
FROM cloudfront_realtime_logs
UNION ALL
SELECT request_ts, 'waf', regexp_extract(webaclid, '^arn:[^:]+:wafv2:[^:]*:([0-9]{12}):', 1), regexp_extract(webaclid, '^arn:[^:]+:wafv2:([^:]*):', 1), NULL,
       httprequest.clientIp, httprequest.httpMethod, httprequest.uri, action,
       action || ' ' || coalesce(httprequest.httpMethod, '-') || ' ' || coalesce(httprequest.uri, '-') || ' (' || coalesce(terminatingruleid, '-') || ')', _evidence_id, _ordinal
FROM waf_logs
UNION ALL
SELECT event_ts, 'network-firewall', NULL, NULL, NULL, event.src_ip, event.event_type, event.dest_ip || ':' || CAST(event.dest_port AS VARCHAR),
       coalesce(event.alert.action, event.revocation_check.action),
       event.event_type || ' ' || coalesce(event.src_ip, '-') || ' -> ' || coalesce(event.dest_ip, '-') || ':' || coalesce(CAST(event.dest_port AS VARCHAR), '-') || coalesce(' ' || event.alert.signature, ''),
       _evidence_id, _ordinal
FROM anf_logs
UNION ALL
SELECT event_ts, 'cloudwatch', owner, NULL, log_group, NULL, coalesce('lambda ' || lambda_event, 'log'), log_stream, NULL, left(message, 200), _evidence_id, _ordinal
FROM cloudwatch_logs
UNION ALL
SELECT capture_ts, 'config', awsaccountid, awsregion, NULL, NULL, 'config ' || coalesce(configurationitemstatus, '-'), coalesce(arn, resourcetype || '/' || resourceid),
       configurationitemstatus, coalesce(resourcetype, '-') || ' ' || coalesce(resourceid, '-') || ' ' || coalesce(configurationitemstatus, '-'), _evidence_id, _ordinal
FROM config_items
UNION ALL
SELECT coalesce(last_seen_ts, updated_ts), 'guardduty', accountid, region, coalesce(principal, instance_id), remote_ip, "type",
       coalesce(resource_type || ' ' || coalesce(instance_id, access_key_id, ''), resource_type), severity_label || ' ' || CAST(severity AS VARCHAR),
       coalesce(severity_label, '-') || ' ' || "type" || ': ' || coalesce(title, '-'), _evidence_id, _ordinal
FROM guardduty_findings
UNION ALL
SELECT updated_ts, 'securityhub', awsaccountid, region, NULL, source_ip, coalesce(types[1], generatorid), resource_ids[1],
       coalesce(severity."Label", '-') || coalesce(' ' || compliance."Status", '') || coalesce(' ' || workflow."Status", ''),
       coalesce(severity."Label", '-') || ' ' || coalesce(generatorid, '-') || ': ' || coalesce(title, '-'), _evidence_id, _ordinal
FROM securityhub_findings;
