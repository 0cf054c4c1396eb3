// Where ASFF findings sit in a file (findingRecords): get-findings / batch-import {"Findings":[...]},
// EventBridge "Security Hub Findings - Imported" (or - Custom Action, - Insight Results) events with
// detail.findings[], bare arrays, JSON lines.
import { eventBridge, hasNoneOf, type FindingLayout } from '../security-findings/records';

export const SECURITYHUB_LAYOUT: FindingLayout = {
  unwrap(value) {
    if (Array.isArray(value.Findings)) return { findings: value.Findings };
    const event = eventBridge(value);
    if (!event) return { finding: value };
    const detail = event.detail as Record<string, unknown> | null;
    if (event.source === 'aws.securityhub' && detail && Array.isArray(detail.findings)) return { findings: detail.findings };
    return { reject: `an EventBridge event without Security Hub findings (detail-type ${JSON.stringify(event.detailType ?? null)}, no detail.findings list)` };
  },
  // No list or event keys (unwrap).
  asWrittenSql: hasNoneOf(['Findings', 'detail']),
};
