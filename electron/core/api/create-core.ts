import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Api } from '../../../shared/api';
import { Case } from '../case/case';
import type { PathPolicy } from '../policy/export-path';
import { RecentCases } from '../policy/recent-cases';
import { loadQueryLibrary } from '../query/query-library';
import type { PrintPdf } from '../report/print-pdf';
import type { Handlers } from './dispatcher';
import { analystHandlers } from './handlers/analyst-handlers';
import { caseHandlers } from './handlers/case-handlers';
import { evidenceHandlers } from './handlers/evidence-handlers';
import { exportHandlers } from './handlers/export-handlers';
import { findingHandlers } from './handlers/finding-handlers';
import { huntHandlers } from './handlers/hunt-handlers';
import { integrityHandlers } from './handlers/integrity-handlers';
import { queryHandlers } from './handlers/query-handlers';
import { CoreSession, type HostDialogs, type Listener } from './session';

export type { HostDialogs };

export interface CoreOptions {
  /** Per-user state (recent cases, the demo case). */
  dataDir: string;
  /** The app's read-only resources folder (query library, demo evidence). */
  resourcesDir: string;
  /** 'cli': the `cairn` command in this process; it keeps no recent cases and writes reports where --out says. */
  host: 'electron' | 'loopback' | 'cli';
  dialogs?: HostDialogs;
  /** Open this case at start (cairn serve --case DIR). */
  initialCase?: string;
  /** Prints a report's HTML to PDF: Electron's printToPDF in the app, headless Chromium otherwise. */
  printPdf?: PrintPdf;
  /** cairn import --batch-mb. */
  importBatchBytes?: number;
}

/** The core behind the contract: one open case at a time, its imports, queries and findings. */
export async function createCore(opts: CoreOptions) {
  const cli = opts.host === 'cli';
  if (!cli) mkdirSync(opts.dataDir, { recursive: true });
  const reportPaths: PathPolicy = cli ? 'as-given' : 'case-folder';
  const session = new CoreSession({
    kind: opts.host, dataDir: opts.dataDir, resourcesDir: opts.resourcesDir, dialogs: opts.dialogs, printPdf: opts.printPdf, reportPaths,
    importBatchBytes: opts.importBatchBytes,
    recent: new RecentCases(cli ? null : join(opts.dataDir, 'recent-cases.json')),
    library: loadQueryLibrary(join(opts.resourcesDir, 'queries')),
  });

  // Each domain's handlers in their own module; together they cover the contract (the type says so).
  const handlers: Handlers = {
    ...caseHandlers(session),
    ...evidenceHandlers(session),
    ...queryHandlers(session),
    ...findingHandlers(session),
    ...integrityHandlers(session),
    ...huntHandlers(session),
    ...analystHandlers(session),
    ...exportHandlers(session),
  };

  if (opts.initialCase) await session.switchTo(() => Case.open(opts.initialCase!, { create: { name: opts.initialCase!, examiner: process.env.USER ?? 'unknown' } }));

  return {
    handlers,
    subscribe: (listener: Listener): (() => void) => session.subscribe(listener),
    currentCase: (): Case | null => session.currentCase(),
    async dispose(): Promise<void> { await session.closeCurrent(); session.clearListeners(); },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type { Api };
