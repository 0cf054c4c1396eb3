// Content-based detection of flow logs: a header line of flow-log field names, default-format (v2)
// records with or without the CloudWatch export prefix, or a Parquet file with flow-log columns.
import type { Detection, Probe } from '../source';
import { probeIsWhole } from '../probe-text';
import { parseLayout } from './layout';

export const TEXT_FORMAT = 'vpcflow';
export const PARQUET_FORMAT = 'vpcflow-parquet';

const PARQUET_MAGIC = Buffer.from('PAR1');
// Column names of flow-log Parquet files; they sit in the footer, which a small file's head includes.
const PARQUET_COLUMN_HINTS = ['interface_id', 'account_id', 'log_status', 'srcaddr', 'dstaddr'];
// The S3 key of a flow-log object: AWSLogs/<account>/vpcflowlogs/... or <account>_vpcflowlogs_<region>_...
const FLOW_PATH_HINT = /vpcflowlogs|flow[-_ ]?logs?/i;

export function detectVpcFlow(probe: Probe): Detection | null {
  if (probe.head.length >= 4 && probe.head.subarray(0, 4).equals(PARQUET_MAGIC)) return detectParquet(probe);
  // A header or a record starts with a letter or a digit; JSON (CloudTrail, most often) is ruled out unread.
  if (probe.head[0] === 0x7b || probe.head[0] === 0x5b) return null;
  const layout = parseLayout(probe.head, probeIsWhole(probe));
  if (!layout) return null;
  const kind = layout.hasHeader ? 'with header' : layout.cloudWatchPrefix ? 'CloudWatch Logs export, default format' : 'no header, default format';
  const note = `VPC flow logs (${kind}, ${layout.fields.length} fields${layout.unknownFields.length ? `; unknown fields: ${layout.unknownFields.join(', ')}` : ''})`;
  return { format: TEXT_FORMAT, confidence: layout.confidence, importable: true, note };
}

function detectParquet(probe: Probe): Detection | null {
  const text = probe.head.toString('latin1');
  // A Cairn table written as Parquet (an export of vpc_flow_logs_*): the parquet-table source takes it as it is.
  if (text.includes('_evidence_id') && text.includes('_ordinal')) return null;
  const hits = PARQUET_COLUMN_HINTS.filter((c) => text.includes(c)).length;
  if (hits >= 3) return { format: PARQUET_FORMAT, confidence: 0.95, importable: true, note: 'VPC flow logs (Parquet)' };
  // A large file's footer (the schema) is beyond the probe: fall back on the S3 key naming.
  if (FLOW_PATH_HINT.test(probe.path) || FLOW_PATH_HINT.test(probe.relPath)) {
    return { format: PARQUET_FORMAT, confidence: 0.6, importable: true, note: 'Parquet file named like VPC flow logs (schema checked at import)' };
  }
  return null;
}
