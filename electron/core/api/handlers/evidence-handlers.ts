import type { ImportSummary } from '../../../../shared/types';
import { CairnError, toErrorInfo } from '../../errors';
import { pageManifest, placeManifest, type PlacedManifest } from '../../../../shared/evidence-manifest';
import { importEvidence } from '../../import/import-service';
import { cloudFrontRealtimeSource } from '../../sources/cloudfront-realtime';
import { REALTIME_FIELDS } from '../../sources/cloudfront-realtime/fields';
import { KNOWN_FORMATS } from '../../sources/registry';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

type EvidenceMethods = 'evidence.list' | 'evidence.summary' | 'evidence.page' | 'evidence.rejects' | 'import.start' | 'import.cancel' | 'import.formats' | 'import.resume' | 'import.resumable';

/** What a resume reads: only the stopped run's unfinished files (null: all of its inputs again). */
interface Resume { of: number; only: ReadonlySet<string> | null }

/** Starts an import in the session's one slot; it reports through events. Resolves once the run is recorded. */
export function startImport(s: CoreSession, paths: string[], opts: { as?: string; fields?: string[]; resume?: Resume } = {}): Promise<{ runId: number; done: Promise<ImportSummary | undefined> }> {
  const c = s.need();
  return s.imports.start(paths, (signal, started) => {
    let runId = 0;
    const { as, fields, resume } = opts;
    return importEvidence(c, paths, { signal, as, ...(fields ? { fields } : {}), batchBytes: s.host.importBatchBytes, ...(resume ? { resumeOf: resume.of, ...(resume.only ? { only: resume.only } : {}) } : {}), onRunStarted: (id) => { runId = id; started(id); }, onProgress: (p) => s.emit('import.progress', p) })
      .then((summary) => { s.emit('import.finished', summary); return summary; },
        (e: unknown) => { if (runId) s.emit('import.failed', { runId, error: toErrorInfo(e) }); throw e; });
  });
}

/** The manifest, rejected records, and imports. */
export function evidenceHandlers(s: CoreSession): Pick<Handlers, EvidenceMethods> {
  // The placed manifest (decision 0070) until the case's audit log moves on: every manifest change is audited.
  let placed: { key: string; manifest: PlacedManifest } | null = null;
  const placedManifest = (): PlacedManifest => {
    const c = s.need();
    const key = `${c.dir}\u0000${c.manifest.changeMark()}`;
    if (placed?.key !== key) placed = { key, manifest: placeManifest(c.manifest.evidence()) };
    return placed.manifest;
  };
  return {
    'evidence.list': () => s.need().manifest.evidence(),
    'evidence.summary': () => s.need().manifest.summary(),
    'evidence.page': (q) => pageManifest(placedManifest(), q),
    'evidence.rejects': ({ evidenceId, offset, limit }) => s.need().rejects(evidenceId, offset, limit),
    'import.start': async ({ paths, as, fields }) => ({ runId: (await startImport(s, paths, { as, fields })).runId }),
    'import.cancel': ({ runId }) => s.imports.cancel(runId),
    'import.formats': () => ({ formats: [...KNOWN_FORMATS], fieldNames: { [cloudFrontRealtimeSource.id]: REALTIME_FIELDS.map(([name]) => name) } }),
    'import.resumable': () => {
      const r = s.imports.runningId() === null ? s.need().resumable() : null;
      return r ? { runId: r.runId, state: r.state, inputs: r.inputs, unfinished: r.unfinished } : null;
    },
    'import.resume': async ({ runId }) => {
      const r = s.need().resumable(runId);
      if (!r) throw new CairnError('BAD_REQUEST', runId === undefined ? 'no import to resume: the last run finished with every file done' : `import run ${runId} has nothing to resume`);
      // The resumed run reads its files as the stopped one was told to (import --as/--fields).
      const started = await startImport(s, r.inputs, { as: r.chosen.format, ...(r.chosen.fields ? { fields: [...r.chosen.fields] } : {}), resume: { of: r.runId, only: r.paths ? new Set(r.paths) : null } });
      return { runId: started.runId, resumeOf: r.runId };
    },
  };
}
