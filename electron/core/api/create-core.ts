import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Api, ApiEvents, EventName, RecentCase, RpcEvent } from '../../../shared/api';
import type { ImportSummary } from '../../../shared/types';
import { Case } from '../case/case';
import { CairnError } from '../errors';
import { acceptHits, huntCase } from '../hunt/hunt-case';
import type { HuntSummary } from '../../../shared/hunt';
import { importEvidence } from '../import/import-service';
import { exportResult } from '../query/export-result';
import { loadQueryLibrary } from '../query/query-library';
import { describeSchema } from '../query/schema';
import { TOOL_VERSION } from '../version';
import { PRESTO_FUNCTIONS } from '../dialect/presto-functions';
import { listFunctions } from './functions';
import type { Handlers } from './dispatcher';
import { readRejects } from './rejects-reader';
import { findingHandlers } from './finding-handlers';
import type { PrintPdf } from '../report/print-pdf';

export interface HostDialogs {
  openEvidence(folders: boolean): Promise<string[]>;
  chooseCaseFolder(): Promise<string | null>;
}

export interface CoreOptions {
  /** Per-user state (recent cases, the demo case). */
  dataDir: string;
  /** The app's read-only resources folder (query library, demo evidence). */
  resourcesDir: string;
  host: 'electron' | 'loopback';
  dialogs?: HostDialogs;
  /** Open this case at start (cairn serve --case DIR). */
  initialCase?: string;
  /** Prints a report's HTML to PDF: Electron's printToPDF in the app, headless Chromium otherwise. */
  printPdf?: PrintPdf;
}

type Listener = (e: RpcEvent) => void;

/** The core behind the contract: one open case at a time, its imports, queries and schema. */
export async function createCore(opts: CoreOptions) {
  mkdirSync(opts.dataDir, { recursive: true });
  const listeners = new Set<Listener>();
  const emit = <E extends EventName>(event: E, payload: ApiEvents[E]): void => {
    for (const l of listeners) { try { l({ event, payload } as RpcEvent); } catch { /* a broken listener must not stop others */ } }
  };
  let current: Case | null = null;
  let running: { runId: number; controller: AbortController; done: Promise<ImportSummary | undefined> } | null = null;
  const library = loadQueryLibrary(join(opts.resourcesDir, 'queries'));
  /** The last hunt's results, so the analyst can accept a rule's hits as a finding. */
  let lastHunt: { caseDir: string; summary: HuntSummary } | null = null;
  const recentPath = join(opts.dataDir, 'recent-cases.json');

  const need = (): Case => {
    if (!current) throw new CairnError('BAD_REQUEST', 'no case is open');
    return current;
  };
  const readRecent = (): RecentCase[] => {
    try { return JSON.parse(readFileSync(recentPath, 'utf8')) as RecentCase[]; } catch { return []; }
  };
  const remember = (c: Case): void => {
    const list = [{ dir: c.dir, name: c.info().name, openedAt: new Date().toISOString() }, ...readRecent().filter((r) => r.dir !== c.dir)].slice(0, 20);
    writeFileSync(recentPath, JSON.stringify(list, null, 2));
  };
  const switchTo = async (open: () => Promise<Case>) => {
    await closeCurrent();
    current = await open();
    remember(current);
    const info = current.info();
    emit('case.changed', info);
    return info;
  };
  const closeCurrent = async (): Promise<void> => {
    if (running) { running.controller.abort(); await running.done.catch(() => undefined); }
    if (current) { const c = current; current = null; await c.close(); emit('case.changed', null); }
  };

  /** Starts an import that reports through events; resolves once the run is recorded. */
  const startImport = async (c: Case, paths: string[]): Promise<{ runId: number; done: Promise<ImportSummary | undefined> }> => {
    if (running) throw new CairnError('BAD_REQUEST', `import run ${running.runId} is still running`);
    if (paths.length === 0) throw new CairnError('BAD_REQUEST', 'choose at least one file or folder');
    const controller = new AbortController();
    let markStarted!: (id: number) => void;
    const started = new Promise<number>((r) => { markStarted = r; });
    const slot = { runId: 0, controller, done: Promise.resolve<ImportSummary | undefined>(undefined) };
    running = slot; // taken at once, so a second start cannot slip in while this one opens
    const done = importEvidence(c, paths, { signal: controller.signal, onRunStarted: (id) => { slot.runId = id; markStarted(id); }, onProgress: (p) => emit('import.progress', p) })
      .then((summary) => { emit('import.finished', summary); return summary; })
      .finally(() => { if (running === slot) running = null; });
    slot.done = done.catch(() => undefined);
    // Before a run is recorded, importEvidence fails only on bad input (a missing path): that error is the reply.
    const runId = await Promise.race([started, done.then(() => { throw new CairnError('INTERNAL', 'import ended before it started'); })]);
    return { runId, done: slot.done };
  };

  const handlers: Handlers = {
    'app.info': () => ({ toolVersion: TOOL_VERSION, host: opts.host, nativeDialogs: !!opts.dialogs }),
    'case.create': ({ dir, name, examiner }) => {
      if (!name.trim() || !examiner.trim()) throw new CairnError('BAD_REQUEST', 'a case needs a name and an examiner');
      if (existsSync(join(resolve(dir), 'case.sqlite'))) throw new CairnError('CASE_EXISTS', `${dir} already holds a case; open it instead`);
      return switchTo(() => Case.open(dir, { create: { name: name.trim(), examiner: examiner.trim() } }));
    },
    'case.open': ({ dir }) => switchTo(() => Case.open(dir)),
    'case.openDemo': async () => {
      const dir = join(opts.dataDir, 'demo-case');
      const fresh = !existsSync(join(dir, 'case.sqlite'));
      const info = await switchTo(() => Case.open(dir, { create: { name: 'Demo case (bundled public samples)', examiner: 'demo' } }));
      if (fresh) await (await startImport(need(), [join(opts.resourcesDir, 'demo')])).done;
      return info;
    },
    'case.current': () => current?.info() ?? null,
    'case.close': () => closeCurrent(),
    'case.integrity': async () => {
      if (running) throw new CairnError('BUSY', `import run ${running.runId} is running; integrity is checked when it ends`);
      const c = need();
      const v = c.store.verifyAudit();
      const audit = v.ok ? { ok: true, entries: v.entries, head: v.head, brokenAt: null, reason: null } : { ok: false, entries: 0, head: null, brokenAt: v.brokenAt, reason: v.reason };
      return { audit, seals: await c.verifySeals(), checkedAt: new Date().toISOString() };
    },
    'case.recent': () => readRecent().filter((r) => existsSync(join(r.dir, 'case.sqlite'))),
    'evidence.list': () => need().store.evidence(),
    'evidence.rejects': ({ evidenceId, offset, limit }) => readRejects(need().importConn, evidenceId, offset, limit),
    'import.start': async ({ paths }) => ({ runId: (await startImport(need(), paths)).runId }),
    'import.cancel': ({ runId }) => { if (running?.runId === runId) running.controller.abort(); },
    'schema.tables': async () => {
      const c = need();
      const counts = new Map((await c.tables()).filter((t) => t.rows !== null).map((t) => [t.name, t.rows!]));
      return c.queries.internal((conn) => describeSchema(conn, counts));
    },
    'schema.functions': () => listFunctions(need().importConn, PRESTO_FUNCTIONS),
    'query.run': ({ sql, params, pageSize, timeoutMs, queryId }) => need().queries.run(sql, { params, pageSize, timeoutMs, queryId }),
    'query.page': ({ queryId, offset, limit, sort }) => need().queries.page(queryId, offset, limit, sort),
    'query.complete': ({ queryId }) => need().queries.complete(queryId),
    'query.cancel': ({ queryId }) => need().queries.cancel(queryId),
    'query.close': ({ queryId }) => need().queries.close(queryId),
    'query.export': async ({ queryId, format, path }) => {
      if (format !== 'csv' && format !== 'json') throw new CairnError('BAD_REQUEST', 'format must be csv or json');
      const c = need();
      const cache = c.queries.cache(queryId);
      if (!cache) throw new CairnError('BAD_REQUEST', 'this statement returned no rows to export');
      const exportsDir = join(c.dir, 'exports');
      mkdirSync(exportsDir, { recursive: true });
      // Exports stay inside the case: a page driven by hostile log content must not be able to write elsewhere.
      const name = path ? basename(path) : `result-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`;
      if (!/^[\w.-]{1,128}$/.test(name) || name.startsWith('.')) throw new CairnError('BAD_REQUEST', 'an export name may use letters, digits, dot, dash and underscore');
      if (path && resolve(exportsDir, path) !== join(exportsDir, name)) throw new CairnError('BAD_REQUEST', `exports are written to the case's exports folder (${exportsDir}); give a file name, not a path`);
      const target = join(exportsDir, name);
      const { rows, bytes } = await exportResult(cache, format, target);
      c.store.audit('query.exported', { queryId, format, path: target, rows, bytes });
      return { path: target, rows, bytes };
    },
    'query.history': ({ limit }) => need().store.queryHistory(limit ?? 200),
    'library.list': () => library,
    'hunt.run': async ({ ruleDirs }) => {
      const c = need();
      const summary = await huntCase(c, { resourcesDir: opts.resourcesDir, ruleDirs });
      lastHunt = { caseDir: c.dir, summary };
      return summary;
    },
    'hunt.accept': ({ file }) => {
      const c = need();
      const r = lastHunt?.caseDir === c.dir ? lastHunt.summary.results.find((x) => x.file === file) : undefined;
      if (!r) throw new CairnError('BAD_REQUEST', `no rule ${JSON.stringify(file)} in this case's last hunt; run the hunt first`);
      return { findingId: acceptHits(c, r) };
    },
    'dialog.openEvidence': ({ folders }) => {
      if (!opts.dialogs) throw new CairnError('BAD_REQUEST', 'native dialogs are only available in the desktop app; type the path instead');
      return opts.dialogs.openEvidence(folders);
    },
    'dialog.chooseCaseFolder': () => {
      if (!opts.dialogs) throw new CairnError('BAD_REQUEST', 'native dialogs are only available in the desktop app; type the path instead');
      return opts.dialogs.chooseCaseFolder();
    },
    ...findingHandlers(need, { printPdf: opts.printPdf }),
  };

  if (opts.initialCase) await switchTo(() => Case.open(opts.initialCase!, { create: { name: opts.initialCase!, examiner: process.env.USER ?? 'unknown' } }));

  return {
    handlers,
    subscribe(listener: Listener): () => void { listeners.add(listener); return () => listeners.delete(listener); },
    currentCase: (): Case | null => current,
    async dispose(): Promise<void> { await closeCurrent(); listeners.clear(); },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type { Api };
