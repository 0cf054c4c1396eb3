// What counts as a CloudTrail record, for the records Node reads itself (JSON lines, event history).
// sweep-rejects.sql applies the same rule inside DuckDB to the records it parses.

const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Why a parsed value is not a CloudTrail record, or null when it is one. */
export function notCloudTrailReason(value: unknown): string | null {
  if (value === null) return 'record is JSON null, not an object';
  if (Array.isArray(value)) return 'record is a JSON array, not an object';
  if (typeof value !== 'object') return `record is a JSON ${typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'boolean'}, not an object`;
  const rec = value as Record<string, unknown>;
  // Insights events name the API they are about inside insightDetails, not at the top.
  const insight = rec.eventType === 'AwsCloudTrailInsight' && rec.insightDetails !== null && typeof rec.insightDetails === 'object';
  if (rec.eventSource === undefined && rec.eventName === undefined && !insight) return 'not a CloudTrail record: no eventSource or eventName';
  if (rec.eventTime === undefined || rec.eventTime === null) return 'not a CloudTrail record: no eventTime';
  const t = rec.eventTime;
  if (typeof t !== 'string' || !ISO_TIME.test(t) || Number.isNaN(Date.parse(t))) {
    return 'eventTime is not an ISO-8601 time: ' + (typeof t === 'string' ? t : JSON.stringify(t)).slice(0, 200);
  }
  return null;
}
