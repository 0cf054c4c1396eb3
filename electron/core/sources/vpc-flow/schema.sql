-- VPC / Transit Gateway flow logs, one row per flow-log record, named and typed as the Athena DDL
-- (user guide: "Creating the table for VPC flow logs"), so published Athena queries run unchanged.
-- Analysts query the view `vpc_flow_logs` (below): every catalogue column (fields.ts) exists whatever the
-- file's format; fields a file lacks are NULL, and "-" in a record is NULL.
-- Rows are stored in two tables. Files in the default (v2) fields go to a narrow table: storing the
-- ~45 columns they never fill cost 4x (5M bench lines into one transaction: 20 s wide, 5.4 s narrow).
-- Custom formats, CloudWatch exports and Parquet go to the table with every column.
CREATE TABLE IF NOT EXISTS vpc_flow_logs_all_fields (
  version                    INTEGER,
  account_id                 VARCHAR,   -- a string: account ids keep their leading zeros
  interface_id               VARCHAR,
  srcaddr                    VARCHAR,
  dstaddr                    VARCHAR,
  srcport                    INTEGER,
  dstport                    INTEGER,
  protocol                   BIGINT,
  packets                    BIGINT,
  bytes                      BIGINT,
  start                      BIGINT,
  "end"                      BIGINT,    -- reserved word: quote it in queries too
  action                     VARCHAR,
  log_status                 VARCHAR,
  vpc_id                     VARCHAR,
  subnet_id                  VARCHAR,
  instance_id                VARCHAR,
  tcp_flags                  INTEGER,
  "type"                     VARCHAR,
  pkt_srcaddr                VARCHAR,
  pkt_dstaddr                VARCHAR,
  region                     VARCHAR,
  az_id                      VARCHAR,
  sublocation_type           VARCHAR,
  sublocation_id             VARCHAR,
  pkt_src_aws_service        VARCHAR,
  pkt_dst_aws_service        VARCHAR,
  flow_direction             VARCHAR,
  traffic_path               INTEGER,
  ecs_cluster_arn            VARCHAR,
  ecs_cluster_name           VARCHAR,
  ecs_container_instance_arn VARCHAR,
  ecs_container_instance_id  VARCHAR,
  ecs_container_id           VARCHAR,
  ecs_second_container_id    VARCHAR,
  ecs_service_name           VARCHAR,
  ecs_task_definition_arn    VARCHAR,
  ecs_task_arn               VARCHAR,
  ecs_task_id                VARCHAR,
  reject_reason              VARCHAR,
  resource_id                VARCHAR,
  encryption_status          VARCHAR,
  resource_type              VARCHAR,   -- Transit Gateway flow logs (version 6) from here on
  tgw_id                     VARCHAR,
  tgw_attachment_id          VARCHAR,
  tgw_src_vpc_account_id     VARCHAR,
  tgw_dst_vpc_account_id     VARCHAR,
  tgw_src_vpc_id             VARCHAR,
  tgw_dst_vpc_id             VARCHAR,
  tgw_src_subnet_id          VARCHAR,
  tgw_dst_subnet_id          VARCHAR,
  tgw_src_eni                VARCHAR,
  tgw_dst_eni                VARCHAR,
  tgw_src_az_id              VARCHAR,
  tgw_dst_az_id              VARCHAR,
  tgw_pair_attachment_id     VARCHAR,
  packets_lost_no_route      BIGINT,
  packets_lost_blackhole     BIGINT,
  packets_lost_mtu_exceeded  BIGINT,
  packets_lost_ttl_expired   BIGINT,
  -- Athena's partition column: the S3 delivery date (AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/)
  -- when the evidence path has it, else the UTC date of `start`.
  "date"                     DATE,
  -- The same date as 'yyyy/MM/dd' (the layout of the S3 prefix). Computed when read, so imports skip a
  -- per-row strftime and `day` can never disagree with `date`.
  "day"                      VARCHAR GENERATED ALWAYS AS (strftime("date", '%Y/%m/%d')) VIRTUAL,
  -- Fields named in a file's header that Cairn does not know yet (newer AWS fields), by name; NULL if none.
  _extra_fields              MAP(VARCHAR, VARCHAR),
  -- The event timestamp CloudWatch Logs prefixes to each line of an export-to-S3 file; NULL otherwise.
  _cloudwatch_time           TIMESTAMP,
  _evidence_id               INTEGER NOT NULL,
  -- Text files: the record's 1-based LINE number in the decompressed file (a header line is line 1, so
  -- the first record of a file with a header is 2). Parquet files: the 1-based row number in the file.
  _ordinal                   BIGINT NOT NULL
);

-- Records of files whose fields are all default-format (v2) fields: same names, types and meaning as above.
CREATE TABLE IF NOT EXISTS vpc_flow_logs_default_format (
  version      INTEGER,
  account_id   VARCHAR,
  interface_id VARCHAR,
  srcaddr      VARCHAR,
  dstaddr      VARCHAR,
  srcport      INTEGER,
  dstport      INTEGER,
  protocol     BIGINT,
  packets      BIGINT,
  bytes        BIGINT,
  start        BIGINT,
  "end"        BIGINT,
  action       VARCHAR,
  log_status   VARCHAR,
  "date"       DATE,
  "day"        VARCHAR GENERATED ALWAYS AS (strftime("date", '%Y/%m/%d')) VIRTUAL,
  _evidence_id INTEGER NOT NULL,
  _ordinal     BIGINT NOT NULL
);

-- BY NAME: the narrow table's missing columns are NULL; the column order is the wide table's (the DDL's).
CREATE OR REPLACE VIEW vpc_flow_logs AS
SELECT * FROM vpc_flow_logs_all_fields
UNION ALL BY NAME
SELECT * FROM vpc_flow_logs_default_format;

-- Athena names the Parquet flavour `vpc_flow_logs_parquet`, partitioned by account, service, region,
-- year, month, day (dd) and hour. Cairn keeps all flow logs, text or Parquet, in one table; this view
-- gives queries written for the Parquet table the same rows with those partition columns
-- (derived from the record: account_id, region, `date`, and the UTC hour of `start`).
CREATE OR REPLACE VIEW vpc_flow_logs_parquet AS
SELECT * EXCLUDE ("day"),
       account_id                                    AS "aws-account-id",
       'vpcflowlogs'                                 AS "aws-service",
       region                                        AS "aws-region",
       strftime("date", '%Y')                        AS "year",
       strftime("date", '%m')                        AS "month",
       strftime("date", '%d')                        AS "day",
       strftime(make_timestamp(start * 1000000), '%H') AS "hour"
FROM vpc_flow_logs;
