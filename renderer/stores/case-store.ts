// The case and its evidence: app info, the open case, recent cases, the manifest and running imports.
// A zustand/vanilla store over the API client, so it runs (and is tested) in plain Node.
import { createStore } from 'zustand/vanilla';
import type { AppInfo, Client, RecentCase } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';
import type { CaseInfo, CaseIntegrityStatus, RejectRow, ResumableRun } from '../../shared/types';
import type { ManifestSummary } from '../../shared/evidence-manifest';
import { applyProgress, applySummary, startRun, type ImportRun } from './import-runs';
import { toErrorInfo } from './errors';

export interface CaseState {
  info: AppInfo | null;
  current: CaseInfo | null;
  recent: RecentCase[];
  /** Counts over the whole manifest (the Evidence header); the rows themselves are paged (evidence.page). */
  summary: ManifestSummary | null;
  /** Bumped whenever the manifest may have changed: the manifest and digest views read their page again. */
  manifestVersion: number;
  /** The newest run, when it stopped with files left (import.resumable). */
  resumable: ResumableRun | null;
  /** Why the last import could not start, shown where it was asked for (the Evidence view). */
  importError: ErrorInfo | null;
  runs: ImportRun[];
  busy: boolean;
  error: ErrorInfo | null;
  ready: boolean;
  /** The open case's integrity (audit chain, and the seals as the last full check found them); null until asked. */
  integrity: CaseIntegrityStatus | null;
  /** Bumped each time a case is opened or created (even the same one again): views reload their data. */
  epoch: number;
}

export interface CaseActions {
  init(): Promise<void>;
  createCase(a: { dir: string; name: string; examiner: string }): Promise<boolean>;
  openCase(dir: string): Promise<boolean>;
  openDemo(): Promise<boolean>;
  closeCase(): Promise<void>;
  refreshEvidence(): Promise<void>;
  refreshIntegrity(): Promise<void>;
  /** choice: the format the analyst chose for these files (import.start `as`), and a field list for formats whose files do not list theirs. */
  startImport(paths: string[], choice?: { as: string; fields?: string[] }): Promise<number | null>;
  /** Resumes a stopped run (the newest unless given). */
  resumeImport(runId?: number): Promise<number | null>;
  cancelImport(runId: number): Promise<void>;
  dismissRun(runId: number): void;
  loadRejects(evidenceId: number, offset: number, limit: number): Promise<{ rows: RejectRow[]; total: number } | null>;
  clearError(): void;
  dispose(): void;
}

export type CaseStore = ReturnType<typeof createCaseStore>;

/** What a case's views hold, emptied when another case opens or it closes. */
const EMPTY_CASE: Pick<CaseState, 'summary' | 'resumable' | 'importError' | 'runs' | 'integrity'> = { summary: null, resumable: null, importError: null, runs: [], integrity: null };
const MANIFEST_REFRESH_MS = 2000;

export const initialCaseState: CaseState = { info: null, current: null, recent: [], summary: null, manifestVersion: 0, resumable: null, importError: null, runs: [], busy: false, error: null, ready: false, integrity: null, epoch: 0 };

/** How often the status is asked again while a full seal check runs in the background. */
const SEAL_POLL_MS = 1000;

export function createCaseStore(client: Client, now: () => number = Date.now, pollMs = SEAL_POLL_MS) {
  const unsubscribe: (() => void)[] = [];
  let lastManifestRefresh = 0;
  let polling = 0; // the latest refreshIntegrity loop; older ones stop
  return createStore<CaseState & CaseActions>()((set, get) => {
    /** Runs a call with busy/error bookkeeping; returns undefined when it failed (the error is in state). */
    async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
      set({ busy: true, error: null });
      try { return await work(); } catch (e) { set({ error: toErrorInfo(e) }); return undefined; } finally { set({ busy: false }); }
    }
    const updateRun = (runId: number, f: (r: ImportRun) => ImportRun): void =>
      set({ runs: get().runs.map((r) => (r.runId === runId ? f(r) : r)) });
    const opened = async (c: CaseInfo): Promise<boolean> => {
      set({ current: c, ...EMPTY_CASE, runs: [], epoch: get().epoch + 1 });
      await get().refreshEvidence();
      void get().refreshIntegrity();
      return true;
    };

    unsubscribe.push(
      client.on('import.progress', (p) => {
        if (!get().runs.some((r) => r.runId === p.runId)) set({ runs: [...get().runs, startRun(p.runId, [], now())] });
        updateRun(p.runId, (r) => applyProgress(r, p, now()));
        // The header's counts follow the run while it goes, a few times a minute at most.
        if (now() - lastManifestRefresh >= MANIFEST_REFRESH_MS) { lastManifestRefresh = now(); void get().refreshEvidence(); }
      }),
      client.on('import.finished', (s) => {
        if (!get().runs.some((r) => r.runId === s.runId)) set({ runs: [...get().runs, startRun(s.runId, [], now())] });
        updateRun(s.runId, (r) => applySummary(r, s));
        void get().refreshEvidence();
        void get().refreshIntegrity();
      }),
      client.on('case.changed', (c) => {
        if (c?.id !== get().current?.id) set({ current: c, ...EMPTY_CASE, runs: [], epoch: get().epoch + 1 });
        if (c) { void get().refreshEvidence(); void get().refreshIntegrity(); }
      }),
    );

    return {
      ...initialCaseState,
      async init() {
        await guarded(async () => {
          const [info, current, recent] = await Promise.all([
            client.call('app.info', {}), client.call('case.current', {}), client.call('case.recent', {}),
          ]);
          set({ info, current, recent, epoch: get().epoch + 1 });
          if (current) { await get().refreshEvidence(); void get().refreshIntegrity(); }
        });
        set({ ready: true });
      },
      async createCase(a) { return (await guarded(async () => opened(await client.call('case.create', a)))) ?? false; },
      async openCase(dir) { return (await guarded(async () => opened(await client.call('case.open', { dir })))) ?? false; },
      async openDemo() { return (await guarded(async () => opened(await client.call('case.openDemo', {})))) ?? false; },
      async closeCase() {
        await guarded(async () => {
          await client.call('case.close', {});
          set({ current: null, ...EMPTY_CASE, runs: [], recent: await client.call('case.recent', {}) });
        });
      },
      async refreshEvidence() {
        try {
          const [summary, resumable] = await Promise.all([client.call('evidence.summary', {}), client.call('import.resumable', {})]);
          set({ summary, resumable, manifestVersion: get().manifestVersion + 1 });
        } catch (e) { set({ error: toErrorInfo(e) }); }
      },
      async refreshIntegrity() {
        const epoch = get().epoch;
        const mine = ++polling;
        try {
          // The seals come from the last full check while nothing changed; else one runs in the background (decision 0005).
          for (;;) {
            const integrity = await client.call('case.integrityStatus', {});
            if (get().epoch !== epoch || polling !== mine) return;
            set({ integrity });
            if (integrity.seals.state !== 'verifying') return;
            await new Promise((r) => setTimeout(r, pollMs));
          }
        } catch (e) {
          if (get().epoch === epoch && polling === mine) set({ error: toErrorInfo(e) });
        }
      },
      async startImport(paths, choice) {
        const clean = paths.map((p) => p.trim()).filter((p) => p !== '');
        if (clean.length === 0) { set({ importError: { code: 'BAD_REQUEST', message: 'give at least one file or folder path' } }); return null; }
        set({ importError: null });
        let r: { runId: number };
        try { r = await client.call('import.start', { paths: clean, ...(choice ? { as: choice.as, ...(choice.fields ? { fields: choice.fields } : {}) } : {}) }); } catch (e) { set({ importError: toErrorInfo(e) }); return null; }
        // Progress events may have arrived before the reply; keep what they recorded.
        const known = get().runs.find((x) => x.runId === r.runId);
        if (known) updateRun(r.runId, (x) => ({ ...x, paths: clean }));
        else set({ runs: [...get().runs, startRun(r.runId, clean, now())] });
        return r.runId;
      },
      async resumeImport(runId) {
        set({ importError: null });
        let r: { runId: number; resumeOf: number };
        try { r = await client.call('import.resume', runId === undefined ? {} : { runId }); } catch (e) { set({ importError: toErrorInfo(e) }); return null; }
        const paths = get().resumable?.inputs ?? [];
        set({ resumable: null });
        if (get().runs.some((x) => x.runId === r.runId)) updateRun(r.runId, (x) => ({ ...x, paths, resumeOf: r.resumeOf }));
        else set({ runs: [...get().runs, { ...startRun(r.runId, paths, now()), resumeOf: r.resumeOf }] });
        return r.runId;
      },
      async cancelImport(runId) {
        updateRun(runId, (r) => ({ ...r, cancelling: true }));
        try { await client.call('import.cancel', { runId }); } catch (e) { set({ error: toErrorInfo(e) }); updateRun(runId, (r) => ({ ...r, cancelling: false })); }
      },
      dismissRun(runId) { set({ runs: get().runs.filter((r) => r.runId !== runId) }); },
      async loadRejects(evidenceId, offset, limit) {
        try { return await client.call('evidence.rejects', { evidenceId, offset, limit }); } catch (e) { set({ error: toErrorInfo(e) }); return null; }
      },
      clearError() { set({ error: null }); },
      dispose() { for (const u of unsubscribe.splice(0)) u(); },
    };
  });
}
