// Application Load Balancer connection logs (.log, .log.gz): one space-separated line per TLS connection attempt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Detection, LogSource, Probe } from '../source';
import { countFields, detectLines } from '../line-format/detect-lines';
import { importLineFiles, literal, type LineImport } from '../line-format/import-lines';
import { partsFromKey } from '../line-format/s3-key';
import { ALB_CONNECTION_FORMAT } from './format';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');
/** conn_log_<account>_elasticloadbalancing_<region>_...: the documented file name. */
const CONN_LOG_PREFIX = /(^|[/\\])conn_log_(?=[0-9]{12}_elasticloadbalancing_)/;

/** How its files are read (exported for the test that compares the CSV and pattern readings). */
export const ALB_CONNECTION_IMPORT: LineImport = {
  format: ALB_CONNECTION_FORMAT,
  constants: (file) => {
    // The key's tree, else the file name as for access logs once its `conn_log_` prefix is set aside.
    const key = partsFromKey('elasticloadbalancing', ...[file.relPath, file.originalPath].map((p) => p.replace(CONN_LOG_PREFIX, '$1')));
    return [literal('day', key.day, "replace(left(g.time, 10), '-', '/')"), literal('_account_id', key.account), literal('_region', key.region)];
  },
};

/** What the first line must also say before the file is claimed: both ports numbers, a documented verify status, a validity or '-'. */
const FIRST_LINE = { port: /^[0-9]{1,5}$/, status: /^(?:Success|Failed:[A-Za-z0-9]+|-)$/, validity: /^(?:-|NotBefore=[^;]*;NotAfter=.*)$/ };

function detect(probe: Probe): Detection | null {
  let plausible = false;
  const d = detectLines(probe, ALB_CONNECTION_FORMAT, (m) => {
    plausible = FIRST_LINE.port.test(m[3]!) && FIRST_LINE.port.test(m[4]!) && FIRST_LINE.validity.test(m[9]!) && FIRST_LINE.status.test(m[11]!);
    return `ALB connection log: ${countFields(m[0])} space-separated fields, field 1 an ISO-8601 time, field 2 a client address, fields 3-4 the client and listener ports (listener ${m[4]}), field 11 a TLS verify status (${m[11]})`;
  });
  return plausible ? d : null;
}

export const albConnectionSource: LogSource = {
  id: ALB_CONNECTION_FORMAT.id,
  label: 'ALB connection logs',
  detect,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importLineFiles(ctx, files, ALB_CONNECTION_IMPORT),
};
