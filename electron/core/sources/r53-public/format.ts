// Route 53 public DNS query log records (hosted-zone query logging, delivered to CloudWatch Logs): the ten
// space-separated fields the Route 53 developer guide documents ("Values that appear in DNS query logs"), in
// its order. Athena has no DDL for them; the column names are the guide's field names in snake case.
import { field, TOKEN, type LineFormat } from '../line-format/pattern';

const { plain } = TOKEN;

export const R53_PUBLIC_FORMAT: LineFormat = {
  id: 'r53-public',
  label: 'Route 53 public DNS query log',
  table: 'r53_public_logs',
  required: [
    field('([0-9]+\\.[0-9]+)', 'version'),
    field('([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z)', 'query_timestamp'),
    field('(Z[A-Z0-9]+)', 'hosted_zone_id'),
    field(plain, 'query_name'),
    field('([A-Z0-9]+)', 'query_type'),
    field('([A-Z0-9]+)', 'response_code'),
    field('(UDP|TCP)', 'protocol'),
    field(plain, 'edge_location'),
    field(plain, 'resolver_ip'),
    field(plain, 'edns_client_subnet'),
  ],
  optional: [],
  extraColumn: '_unknown_fields',
};
