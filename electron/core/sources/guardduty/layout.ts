// Where GuardDuty findings sit in a file, and the one spelling the columns read (findingRecords).
import { eventBridge, hasNoneOf, type FindingLayout, type JsonObject } from '../security-findings/records';

/** `get-findings` output spells keys as the SDK does (PascalCase); the API, S3 export and EventBridge in camelCase. */
function camelCase(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelCase);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as JsonObject).map(([k, x]) => [k.charAt(0).toLowerCase() + k.slice(1), camelCase(x)]));
}

export const GUARDDUTY_LAYOUT: FindingLayout = {
  unwrap(value) {
    const list = value.Findings ?? value.findings;
    if (Array.isArray(list)) return { findings: list };
    const event = eventBridge(value);
    if (!event) return { finding: value };
    if (event.detailType === 'GuardDuty Finding' || event.source === 'aws.guardduty') return { findings: [event.detail] };
    return { reject: `an EventBridge event that is not a GuardDuty finding (detail-type ${JSON.stringify(event.detailType ?? null)})` };
  },
  normalise: (f) => ('Id' in f || 'Type' in f || 'AccountId' in f) && !('id' in f) ? camelCase(f) as JsonObject : null,
  // No list or event keys (unwrap), and camelCase as normalise() sees it.
  asWrittenSql: `${hasNoneOf(['Findings', 'findings', 'detail'])} AND (list_contains(keys, 'id') OR ${hasNoneOf(['Id', 'Type', 'AccountId'])})`,
};
