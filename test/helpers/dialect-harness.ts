import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { installDialect } from '../../electron/core/dialect/install-dialect';
import { translateAthena } from '../../electron/core/dialect/translate-athena';

export type Row = Record<string, unknown>;

/** An in-memory DuckDB connection set up like an analyst connection: UTC and the Athena dialect. */
export async function openDialectConn(): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run("SET GLOBAL TimeZone = 'UTC'");
  await installDialect(conn);
  return { instance, conn };
}

/** Translates an Athena statement and runs it; rows as JSON-friendly objects. */
export async function athena(conn: DuckDBConnection, sql: string): Promise<Row[]> {
  const translated = await translateAthena(sql, conn);
  const r = await conn.runAndReadAll(translated);
  return r.getRowObjectsJson() as Row[];
}

/** The single value of a one-row, one-column Athena query. */
export async function athenaValue(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const rows = await athena(conn, sql);
  const row = rows[0];
  if (rows.length !== 1 || !row) throw new Error(`expected one row, got ${rows.length}`);
  return Object.values(row)[0];
}

// Small tables with the Athena DDL's shape (the importers own the real ones).
export const CLOUDTRAIL_DDL = `
CREATE TABLE cloudtrail (
  eventversion VARCHAR,
  useridentity STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR,
    accesskeyid VARCHAR, username VARCHAR,
    sessioncontext STRUCT(attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR),
      sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR))),
  eventtime VARCHAR, eventsource VARCHAR, eventname VARCHAR, awsregion VARCHAR, sourceipaddress VARCHAR,
  useragent VARCHAR, errorcode VARCHAR, errormessage VARCHAR, requestparameters JSON, responseelements JSON,
  resources STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[],
  recipientaccountid VARCHAR,
  tlsdetails STRUCT(tlsversion VARCHAR, ciphersuite VARCHAR, clientprovidedhostheader VARCHAR),
  _evidence_id INTEGER, _ordinal BIGINT);
CREATE VIEW cloudtrail_logs AS SELECT * FROM cloudtrail;`;

export const VPC_FLOW_DDL = `
CREATE TABLE vpc_flow_logs (
  version INTEGER, account_id VARCHAR, interface_id VARCHAR, srcaddr VARCHAR, dstaddr VARCHAR,
  srcport INTEGER, dstport INTEGER, protocol BIGINT, packets BIGINT, bytes BIGINT, start BIGINT, "end" BIGINT,
  action VARCHAR, log_status VARCHAR, vpc_id VARCHAR, subnet_id VARCHAR, instance_id VARCHAR, tcp_flags INTEGER,
  "type" VARCHAR, pkt_srcaddr VARCHAR, pkt_dstaddr VARCHAR, region VARCHAR, az_id VARCHAR, sublocation_type VARCHAR,
  sublocation_id VARCHAR, pkt_src_aws_service VARCHAR, pkt_dst_aws_service VARCHAR, flow_direction VARCHAR,
  traffic_path INTEGER, "date" DATE, "day" VARCHAR, _evidence_id INTEGER NOT NULL, _ordinal BIGINT NOT NULL);`;

/** One CloudTrail row; fields not given are NULL. */
export function cloudtrailRow(e: { time: string; source: string; name: string; arn: string; ip: string; error?: string; tls?: string; params?: string }, ordinal: number): string {
  const q = (s: string | undefined) => (s === undefined ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
  return `INSERT INTO cloudtrail (eventtime, eventsource, eventname, sourceipaddress, errorcode, useridentity, tlsdetails, requestparameters, _evidence_id, _ordinal)
    VALUES (${q(e.time)}, ${q(e.source)}, ${q(e.name)}, ${q(e.ip)}, ${q(e.error)},
      {'type': 'IAMUser', 'principalid': 'AIDAEXAMPLE', 'arn': ${q(e.arn)}, 'accountid': '111122223333', 'invokedby': NULL,
       'accesskeyid': 'AKIAEXAMPLE', 'username': NULL, 'sessioncontext': NULL},
      ${e.tls ? `{'tlsversion': ${q(e.tls)}, 'ciphersuite': 'ECDHE-RSA-AES128-GCM-SHA256', 'clientprovidedhostheader': NULL}` : 'NULL'},
      ${q(e.params)}, 1, ${ordinal});`;
}
