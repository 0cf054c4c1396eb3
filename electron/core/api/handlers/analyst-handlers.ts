import { fieldSummary } from '../../query/field-summary';
import { lookupIps } from '../../query/ip-lookup';
import { surroundingEvents } from '../../query/surrounding-events';
import { wholeEvent } from '../../query/whole-event';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

type AnalystMethods = 'result.source' | 'result.fieldSummary' | 'event.record' | 'event.surrounding' | 'ip.lookup';

/** What the workbench shows beside a result: value counts, the whole event, its neighbours, IP owners. */
export function analystHandlers(s: CoreSession): Pick<Handlers, AnalystMethods> {
  return {
    'result.source': ({ queryId }) => s.need().queries.source(queryId),
    'result.fieldSummary': ({ queryId, column, limit }) => fieldSummary(s.need().queries, queryId, column, limit),
    'event.record': (key) => { const c = s.need(); return wholeEvent(c.queries, c.manifest, key); },
    'event.surrounding': (a) => surroundingEvents(s.need().queries, a),
    'ip.lookup': ({ ips }) => lookupIps(s.need().queries, [...new Set(ips)]),
  };
}
