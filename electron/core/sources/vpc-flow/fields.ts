// The field catalogue: every flow-log field Cairn knows, the column it lands in and the column's type.
// Names and types follow the Athena DDL ("Creating the table for VPC flow logs": int -> INTEGER,
// bigint -> BIGINT, string -> VARCHAR); fields the Athena sample omits (ECS v7, reject-reason v8,
// resource-id/encryption-status, Transit Gateway v6) are strings except the packet-loss counters.
// schema.sql declares the same columns; a unit test keeps the two in step.

export type FlowColumnType = 'INTEGER' | 'BIGINT' | 'VARCHAR';

export interface FlowField {
  /** The name as written in a flow log's header line / log-format (`account-id`). */
  name: string;
  /** The vpc_flow_logs column (`account_id`). */
  column: string;
  type: FlowColumnType;
  /** The flow-log version that introduced the field (6 = Transit Gateway flow logs). */
  version: number;
}

function f(name: string, type: FlowColumnType, version: number): FlowField {
  return { name, column: name.replace(/-/g, '_'), type, version };
}

export const FLOW_FIELDS: readonly FlowField[] = [
  f('version', 'INTEGER', 2), f('account-id', 'VARCHAR', 2), f('interface-id', 'VARCHAR', 2),
  f('srcaddr', 'VARCHAR', 2), f('dstaddr', 'VARCHAR', 2), f('srcport', 'INTEGER', 2), f('dstport', 'INTEGER', 2),
  f('protocol', 'BIGINT', 2), f('packets', 'BIGINT', 2), f('bytes', 'BIGINT', 2), f('start', 'BIGINT', 2),
  f('end', 'BIGINT', 2), f('action', 'VARCHAR', 2), f('log-status', 'VARCHAR', 2),
  f('vpc-id', 'VARCHAR', 3), f('subnet-id', 'VARCHAR', 3), f('instance-id', 'VARCHAR', 3), f('tcp-flags', 'INTEGER', 3),
  f('type', 'VARCHAR', 3), f('pkt-srcaddr', 'VARCHAR', 3), f('pkt-dstaddr', 'VARCHAR', 3),
  f('region', 'VARCHAR', 4), f('az-id', 'VARCHAR', 4), f('sublocation-type', 'VARCHAR', 4), f('sublocation-id', 'VARCHAR', 4),
  f('pkt-src-aws-service', 'VARCHAR', 5), f('pkt-dst-aws-service', 'VARCHAR', 5), f('flow-direction', 'VARCHAR', 5),
  f('traffic-path', 'INTEGER', 5),
  f('ecs-cluster-arn', 'VARCHAR', 7), f('ecs-cluster-name', 'VARCHAR', 7), f('ecs-container-instance-arn', 'VARCHAR', 7),
  f('ecs-container-instance-id', 'VARCHAR', 7), f('ecs-container-id', 'VARCHAR', 7), f('ecs-second-container-id', 'VARCHAR', 7),
  f('ecs-service-name', 'VARCHAR', 7), f('ecs-task-definition-arn', 'VARCHAR', 7), f('ecs-task-arn', 'VARCHAR', 7),
  f('ecs-task-id', 'VARCHAR', 7),
  f('reject-reason', 'VARCHAR', 8),
  f('resource-id', 'VARCHAR', 10), f('encryption-status', 'VARCHAR', 10),
  // Transit Gateway flow logs (version 6) share the fields above and add these.
  f('resource-type', 'VARCHAR', 6), f('tgw-id', 'VARCHAR', 6), f('tgw-attachment-id', 'VARCHAR', 6),
  f('tgw-src-vpc-account-id', 'VARCHAR', 6), f('tgw-dst-vpc-account-id', 'VARCHAR', 6),
  f('tgw-src-vpc-id', 'VARCHAR', 6), f('tgw-dst-vpc-id', 'VARCHAR', 6), f('tgw-src-subnet-id', 'VARCHAR', 6),
  f('tgw-dst-subnet-id', 'VARCHAR', 6), f('tgw-src-eni', 'VARCHAR', 6), f('tgw-dst-eni', 'VARCHAR', 6),
  f('tgw-src-az-id', 'VARCHAR', 6), f('tgw-dst-az-id', 'VARCHAR', 6), f('tgw-pair-attachment-id', 'VARCHAR', 6),
  f('packets-lost-no-route', 'BIGINT', 6), f('packets-lost-blackhole', 'BIGINT', 6),
  f('packets-lost-mtu-exceeded', 'BIGINT', 6), f('packets-lost-ttl-expired', 'BIGINT', 6),
];

/** The default (version 2) format: what a header-less file, e.g. a CloudWatch Logs export, holds. */
export const DEFAULT_V2_FORMAT: readonly string[] = FLOW_FIELDS.filter((x) => x.version === 2).map((x) => x.name);

const BY_NAME = new Map(FLOW_FIELDS.map((x) => [x.name, x]));

/** Header lines use `account-id`, Parquet files `account_id`: both name the same field. */
export function normalizeFieldName(raw: string): string {
  return raw.trim().toLowerCase().replace(/_/g, '-');
}

export function lookupField(raw: string): FlowField | undefined {
  return BY_NAME.get(normalizeFieldName(raw));
}

/** A token that could be a field name in a log-format (known or a field AWS added later), as regex source. */
export const FIELD_NAME_PATTERN = '[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*';
const FIELD_NAME = new RegExp(`^${FIELD_NAME_PATTERN}$`);

export function looksLikeFieldName(token: string): boolean {
  return FIELD_NAME.test(token);
}
