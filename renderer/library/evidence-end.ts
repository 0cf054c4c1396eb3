// The end of the case's evidence (its last event across sources), which the library's time helpers count
// from (decision 0069). Asked again when the case changes or an import finishes.
import { useEffect, useState } from 'react';
import { useCases, useStores } from '../stores/context';
import type { TimeAnchor } from '../common/UtcTimeInput';
import { evidenceEndMs } from './param-values';

export function useEvidenceEnd(): TimeAnchor | null {
  const { client } = useStores();
  const epoch = useCases((s) => s.epoch);
  const imports = useCases((s) => s.runs.filter((r) => r.summary).length);
  const [anchor, setAnchor] = useState<TimeAnchor | null>(null);
  useEffect(() => {
    let live = true;
    void client.call('case.timeRange', {}).then((r) => {
      const ms = evidenceEndMs(r.last);
      if (live) setAnchor(ms === null ? null : { ms, label: 'evidence end' });
    }, () => undefined);
    return () => { live = false; };
  }, [client, epoch, imports]);
  return anchor;
}
