import type { ApiEvents, EventName, RpcEvent } from '../../../shared/api';
import type { LibraryQuery } from '../../../shared/api';
import { Case } from '../case/case';
import { CairnError } from '../errors';
import { ExportRuns } from '../policy/export-runs';
import { ImportSlot } from '../policy/import-slot';
import type { PathPolicy } from '../policy/export-path';
import type { RecentCases } from '../policy/recent-cases';
import type { PrintPdf } from '../report/print-pdf';

export interface HostDialogs {
  openEvidence(folders: boolean): Promise<string[]>;
  chooseCaseFolder(): Promise<string | null>;
}

export type Listener = (e: RpcEvent) => void;

/** What every handler module shares: the one open case, the import slot, the running export, events and the host's settings. */
export class CoreSession {
  private current: Case | null = null;
  readonly imports = new ImportSlot();
  readonly exports = new ExportRuns();
  private readonly listeners = new Set<Listener>();

  constructor(readonly host: {
    kind: 'electron' | 'loopback' | 'cli';
    dataDir: string;
    resourcesDir: string;
    dialogs?: HostDialogs;
    printPdf?: PrintPdf;
    /** Where reports may be written: the CLI's --out anywhere, a page's only into the case's reports/. */
    reportPaths: PathPolicy;
    /** cairn import --batch-mb: a tuning knob for the command line, never taken from a page. */
    importBatchBytes?: number;
    recent: RecentCases;
    library: LibraryQuery[];
  }) {}

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    for (const l of this.listeners) { try { l({ event, payload } as RpcEvent); } catch { /* a broken listener must not stop others */ } }
  }

  subscribe(listener: Listener): () => void { this.listeners.add(listener); return () => { this.listeners.delete(listener); }; }

  clearListeners(): void { this.listeners.clear(); }

  currentCase(): Case | null { return this.current; }

  need(): Case {
    if (!this.current) throw new CairnError('BAD_REQUEST', 'no case is open');
    return this.current;
  }

  /** Closes the open case (cancelling its import) and opens another; it joins the recent cases. */
  async switchTo(open: () => Promise<Case>) {
    await this.closeCurrent();
    this.current = await open();
    const info = this.current.info();
    this.host.recent.remember(this.current.dir, info.name);
    this.emit('case.changed', info);
    return info;
  }

  async closeCurrent(): Promise<void> {
    await this.imports.stop();
    await this.exports.stop();
    if (this.current) { const c = this.current; this.current = null; await c.close(); this.emit('case.changed', null); }
  }
}
