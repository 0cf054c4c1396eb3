// Rows of the visible window that are already in a live finding (finding.marks: same _evidence_id/_ordinal,
// or the same snapshot hash), so the grid can mark them. Asked again when the window, the order or the
// findings change; a short delay keeps wheel scrolling from asking for every frame.
import { useEffect, useState } from 'react';
import { useFindings, useStores } from '../stores/context';
import type { ResultView } from '../stores/result-view';

const ASK_DELAY_MS = 150;
const NONE: ReadonlyMap<number, number[]> = new Map();

export function useFindingMarks(view: ResultView, first: number, last: number): ReadonlyMap<number, number[]> {
  const { client } = useStores();
  const findingsVersion = useFindings((s) => s.list);
  const [marks, setMarks] = useState<ReadonlyMap<number, number[]>>(NONE);
  const { queryId, sort, generation } = view;
  useEffect(() => {
    if (!queryId || last <= first) return;
    let live = true;
    const timer = setTimeout(() => {
      client.call('finding.marks', { queryId, offset: first, limit: last - first, ...(sort ? { sort } : {}) })
        .then((m) => { if (live) setMarks(new Map(m.map((x) => [x.row, x.findingIds]))); })
        .catch(() => undefined);
    }, ASK_DELAY_MS);
    return () => { live = false; clearTimeout(timer); };
  }, [client, queryId, sort, generation, first, last, findingsVersion]);
  useEffect(() => setMarks(NONE), [queryId, generation]);
  return marks;
}
