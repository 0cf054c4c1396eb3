-- Compatibility views over Cairn's Athena-shaped base tables, for queries written against other published
-- table layouts. Run in the evidence database after the base tables exist (CREATE OR REPLACE: re-runnable).

-- AWS Security Analytics Bootstrap (awslabs/aws-security-analytics-bootstrap,
-- sql/ddl/create_tables/create_vpcflowlog_table.sql): table `vpcflow`, its own column names, and the
-- projection partitions date_partition (yyyy/MM/dd), region_partition, account_partition.
-- Types stay those of vpc_flow_logs (e.g. numpackets/starttime BIGINT where the bootstrap says INT):
-- narrowing could only fail or wrap, never help a query.
CREATE OR REPLACE VIEW vpcflow AS
SELECT
  version,
  account_id          AS account,
  interface_id        AS interfaceid,
  srcaddr             AS sourceaddress,
  dstaddr             AS destinationaddress,
  srcport             AS sourceport,
  dstport             AS destinationport,
  protocol,
  packets             AS numpackets,
  bytes               AS numbytes,
  start               AS starttime,
  "end"               AS endtime,
  action,
  log_status          AS logstatus,
  vpc_id              AS vpcid,
  subnet_id           AS subnetid,
  instance_id         AS instanceid,
  tcp_flags           AS tcpflags,
  "type",
  pkt_srcaddr         AS pktsrcaddr,
  pkt_dstaddr         AS pktdstaddr,
  region,
  az_id               AS azid,
  sublocation_type    AS sublocationtype,
  sublocation_id      AS sublocationid,
  pkt_src_aws_service AS pktsrcawsservice,
  pkt_dst_aws_service AS pktdstawsservice,
  flow_direction      AS flowdirection,
  flow_direction,     -- the DDL says flowdirection, but the bootstrap's own demo query selects flow_direction
  traffic_path        AS trafficpath,
  "day"               AS date_partition,
  region              AS region_partition,
  account_id          AS account_partition,
  _evidence_id,
  _ordinal
FROM vpc_flow_logs;
