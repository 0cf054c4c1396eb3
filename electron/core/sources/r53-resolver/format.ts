// Route 53 Resolver query log records (JSON): the Athena user guide's r53_rlogs columns and types, in its
// order. Fields the DDL lacks are kept in `_unknown_fields`.
import type { JsonFormat } from '../json-records/format';

export const R53_RESOLVER_FORMAT: JsonFormat = {
  id: 'r53-resolver',
  label: 'Route 53 Resolver query log',
  table: 'r53_rlogs',
  columns: [
    { name: 'version', key: 'version', type: 'VARCHAR' },
    { name: 'account_id', key: 'account_id', type: 'VARCHAR' },
    { name: 'region', key: 'region', type: 'VARCHAR' },
    { name: 'vpc_id', key: 'vpc_id', type: 'VARCHAR' },
    { name: 'query_timestamp', key: 'query_timestamp', type: 'VARCHAR' },
    { name: 'query_name', key: 'query_name', type: 'VARCHAR' },
    { name: 'query_type', key: 'query_type', type: 'VARCHAR' },
    { name: 'query_class', key: 'query_class', type: 'VARCHAR' },
    { name: 'rcode', key: 'rcode', type: 'VARCHAR' },
    { name: 'answers', key: 'answers', type: [{ Rdata: 'VARCHAR', Type: 'VARCHAR', Class: 'VARCHAR' }] },
    { name: 'srcaddr', key: 'srcaddr', type: 'VARCHAR' },
    { name: 'srcport', key: 'srcport', type: 'INTEGER' },
    { name: 'transport', key: 'transport', type: 'VARCHAR' },
    { name: 'srcids', key: 'srcids', type: { instance: 'VARCHAR', resolver_endpoint: 'VARCHAR' } },
    { name: 'firewall_rule_action', key: 'firewall_rule_action', type: 'VARCHAR' },
    { name: 'firewall_rule_group_id', key: 'firewall_rule_group_id', type: 'VARCHAR' },
    { name: 'firewall_domain_list_id', key: 'firewall_domain_list_id', type: 'VARCHAR' },
  ],
  required: ['query_name', 'query_timestamp'],
  computed: [{ name: 'query_ts', sql: "TRY_CAST(r.query_timestamp AS TIMESTAMPTZ) AT TIME ZONE 'UTC'" }],
};
