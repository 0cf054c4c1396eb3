import type { TimelineEvent } from '../../../shared/findings';
import type { CaseStore } from '../case/case-store';
import { TIMELINE_ROWS } from './findings-sql';
import { toFindingRow, type RowDbRow } from './findings-store';
import { eventFields } from './timeline-fields';

const DEFAULT_LIMIT = 50_000;

/** Every row of every live finding, in event-time order, read from the frozen snapshots (not re-queried). */
export function timelineEvents(store: CaseStore, opts: { tag?: string; limit?: number } = {}): TimelineEvent[] {
  const limit = Math.max(1, Math.min(DEFAULT_LIMIT, Math.floor(opts.limit ?? DEFAULT_LIMIT)));
  const rows = store.statement(TIMELINE_ROWS).all({ tag: opts.tag ?? null, limit }) as Array<RowDbRow & { finding_title: string }>;
  return rows.map((r) => {
    const row = toFindingRow(r);
    const f = eventFields(row.snapshot, r.format);
    return {
      time: r.event_time ?? f.time, source: f.source, principal: f.principal, action: f.action, sourceIp: f.sourceIp, summary: f.summary,
      findingId: r.finding_id, findingTitle: r.finding_title, rowId: r.id, evidenceId: r.evidence_id, ordinal: r.ordinal,
    };
  });
}
