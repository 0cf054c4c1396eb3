import type { ImportSummary } from '../../../../shared/types';
import { toErrorInfo } from '../../errors';
import { importEvidence } from '../../import/import-service';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

type EvidenceMethods = 'evidence.list' | 'evidence.rejects' | 'import.start' | 'import.cancel';

/** Starts an import in the session's one slot; it reports through events. Resolves once the run is recorded. */
export function startImport(s: CoreSession, paths: string[], as?: string, fields?: string[]): Promise<{ runId: number; done: Promise<ImportSummary | undefined> }> {
  const c = s.need();
  return s.imports.start(paths, (signal, started) => {
    let runId = 0;
    return importEvidence(c, paths, { signal, as, ...(fields ? { fields } : {}), batchBytes: s.host.importBatchBytes, onRunStarted: (id) => { runId = id; started(id); }, onProgress: (p) => s.emit('import.progress', p) })
      .then((summary) => { s.emit('import.finished', summary); return summary; },
        (e: unknown) => { if (runId) s.emit('import.failed', { runId, error: toErrorInfo(e) }); throw e; });
  });
}

/** The manifest, rejected records, and imports. */
export function evidenceHandlers(s: CoreSession): Pick<Handlers, EvidenceMethods> {
  return {
    'evidence.list': () => s.need().manifest.evidence(),
    'evidence.rejects': ({ evidenceId, offset, limit }) => s.need().rejects(evidenceId, offset, limit),
    'import.start': async ({ paths, as, fields }) => ({ runId: (await startImport(s, paths, as, fields)).runId }),
    'import.cancel': ({ runId }) => s.imports.cancel(runId),
  };
}
