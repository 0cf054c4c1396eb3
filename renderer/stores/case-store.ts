// The case and its evidence: app info, the open case, recent cases, the manifest and running imports.
// A zustand/vanilla store over the API client, so it runs (and is tested) in plain Node.
import { createStore } from 'zustand/vanilla';
import type { AppInfo, Client, RecentCase } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';
import type { CaseInfo, CaseIntegrityStatus, EvidenceFile, RejectRow } from '../../shared/types';
import { applyProgress, applySummary, startRun, type ImportRun } from './import-runs';
import { toErrorInfo } from './errors';

export interface CaseState {
  info: AppInfo | null;
  current: CaseInfo | null;
  recent: RecentCase[];
  evidence: EvidenceFile[];
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
  startImport(paths: string[]): Promise<number | null>;
  cancelImport(runId: number): Promise<void>;
  dismissRun(runId: number): void;
  loadRejects(evidenceId: number, offset: number, limit: number): Promise<{ rows: RejectRow[]; total: number } | null>;
  clearError(): void;
  dispose(): void;
}

export type CaseStore = ReturnType<typeof createCaseStore>;

export const initialCaseState: CaseState = { info: null, current: null, recent: [], evidence: [], runs: [], busy: false, error: null, ready: false, integrity: null, epoch: 0 };

/** How often the status is asked again while a full seal check runs in the background. */
const SEAL_POLL_MS = 1000;

export function createCaseStore(client: Client, now: () => number = Date.now, pollMs = SEAL_POLL_MS) {
  const unsubscribe: (() => void)[] = [];
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
      set({ current: c, evidence: [], runs: [], integrity: null, epoch: get().epoch + 1 });
      await get().refreshEvidence();
      void get().refreshIntegrity();
      return true;
    };

    unsubscribe.push(
      client.on('import.progress', (p) => {
        if (!get().runs.some((r) => r.runId === p.runId)) set({ runs: [...get().runs, startRun(p.runId, [], now())] });
        updateRun(p.runId, (r) => applyProgress(r, p, now()));
      }),
      client.on('import.finished', (s) => {
        if (!get().runs.some((r) => r.runId === s.runId)) set({ runs: [...get().runs, startRun(s.runId, [], now())] });
        updateRun(s.runId, (r) => applySummary(r, s));
        void get().refreshEvidence();
        void get().refreshIntegrity();
      }),
      client.on('case.changed', (c) => {
        if (c?.id !== get().current?.id) set({ current: c, evidence: [], runs: [], integrity: null, epoch: get().epoch + 1 });
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
          set({ current: null, evidence: [], runs: [], integrity: null, recent: await client.call('case.recent', {}) });
        });
      },
      async refreshEvidence() {
        try { set({ evidence: await client.call('evidence.list', {}) }); } catch (e) { set({ error: toErrorInfo(e) }); }
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
      async startImport(paths) {
        const clean = paths.map((p) => p.trim()).filter((p) => p !== '');
        if (clean.length === 0) { set({ error: { code: 'BAD_REQUEST', message: 'give at least one file or folder path' } }); return null; }
        const r = await guarded(() => client.call('import.start', { paths: clean }));
        if (!r) return null;
        // Progress events may have arrived before the reply; keep what they recorded.
        const known = get().runs.find((x) => x.runId === r.runId);
        if (known) updateRun(r.runId, (x) => ({ ...x, paths: clean }));
        else set({ runs: [...get().runs, startRun(r.runId, clean, now())] });
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
