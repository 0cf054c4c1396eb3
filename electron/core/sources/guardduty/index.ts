// Amazon GuardDuty findings: the S3 export (JSON lines, gzip, AWSLogs/<account>/GuardDuty/<region>/...),
// `aws guardduty get-findings` output ({"Findings":[...]}), bare arrays and EventBridge events (detail-type
// "GuardDuty Finding"), one row per finding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Detection, LogSource, Probe } from '../source';
import { importJsonFiles } from '../json-records/import-json';
import { findingRecords } from '../security-findings/records';
import { findingsText } from '../security-findings/detect';
import { GUARDDUTY_FORMAT } from './format';
import { GUARDDUTY_LAYOUT } from './layout';

const SCHEMA = readFileSync(join(__dirname, 'schema.sql'), 'utf8');

function detect(probe: Probe): Detection | null {
  const f = findingsText(probe);
  if (!f) return null;
  const note = (what: string): Detection => ({ format: GUARDDUTY_FORMAT.id, confidence: 0.95, importable: true, note: `GuardDuty findings: ${f.layout} ${what}` });
  // A plain search first: most files have no detail-type, and the regex alone scans the whole probe (decision 0027).
  if (f.text.includes('"detail-type"') && /"detail-type"\s*:\s*"GuardDuty Finding"/.test(f.text) && /"source"\s*:\s*"aws\.guardduty"/.test(f.text)) return note('of EventBridge events (detail-type "GuardDuty Finding", source aws.guardduty)');
  // A finding: schemaVersion 2.0 and a GuardDuty finding ARN (Security Hub's copy of one has SchemaVersion 2018-10-08).
  if (f.text.includes('chemaVersion"') && /"[sS]chemaVersion"\s*:\s*"2\.0"/.test(f.text) && /"[aA]rn"\s*:\s*"arn:[a-z-]+:guardduty:[^"]*\/finding\//.test(f.text)) {
    return note('with schemaVersion 2.0 and a GuardDuty finding ARN');
  }
  return null;
}

export const guardDutySource: LogSource = {
  id: GUARDDUTY_FORMAT.id,
  label: 'Amazon GuardDuty findings',
  detect,
  async ensureSchema(conn: DuckDBConnection): Promise<void> {
    await conn.run(SCHEMA);
  },
  importBatch: (ctx, files) => importJsonFiles(ctx, files, { format: GUARDDUTY_FORMAT, raw: true, records: findingRecords(GUARDDUTY_LAYOUT) }),
};
