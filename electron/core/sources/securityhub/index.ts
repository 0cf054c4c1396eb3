// AWS Security Hub findings (ASFF): get-findings output, EventBridge events, arrays, JSON lines; one row
// per finding (an event holding several findings is several records).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Detection, LogSource, Probe } from '../source';
import { importJsonFiles } from '../json-records/import-json';
import { findingsText } from '../security-findings/detect';
import { findingRecords } from '../security-findings/records';
import { SECURITYHUB_FORMAT } from './format';
import { SECURITYHUB_LAYOUT } from './layout';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

function detect(probe: Probe): Detection | null {
  const f = findingsText(probe);
  if (!f) return null;
  const note = (what: string): Detection => ({ format: SECURITYHUB_FORMAT.id, confidence: 0.95, importable: true, note: `Security Hub findings (ASFF): ${f.layout} ${what}` });
  if (f.text.includes('"detail-type"') && /"detail-type"\s*:\s*"Security Hub Findings - [^"]*"/.test(f.text) && /"source"\s*:\s*"aws\.securityhub"/.test(f.text)) return note('of EventBridge events (source aws.securityhub, detail.findings)');
  if (/"SchemaVersion"\s*:\s*"2018-10-08"/.test(f.text) && /"ProductArn"\s*:/.test(f.text) && /"AwsAccountId"\s*:/.test(f.text)) return note('with SchemaVersion 2018-10-08, ProductArn and AwsAccountId');
  return null;
}

export const securityHubSource: LogSource = {
  id: SECURITYHUB_FORMAT.id,
  label: 'AWS Security Hub findings (ASFF)',
  detect,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importJsonFiles(ctx, files, { format: SECURITYHUB_FORMAT, raw: true, records: findingRecords(SECURITYHUB_LAYOUT) }),
};
