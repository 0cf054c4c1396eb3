// Case report export and the audit-chain check. A report export re-hashes the evidence: its checks are
// kept here so the UI shows every mismatch or missing file, never just "done".
import { createStore } from 'zustand/vanilla';
import type { Client, Result } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';
import type { ReportExport, ReportFormat } from '../../shared/types';
import { toErrorInfo } from './errors';

/** The loopback server adds download links for files in the case's reports/ folder. */
export type ReportReply = ReportExport;
export type AuditCheck = Result<'audit.verify'>;

export interface ReportState {
  exporting: ReportFormat | null;
  /** The last export of each format. */
  exports: Partial<Record<ReportFormat, ReportReply>>;
  last: ReportReply | null;
  audit: AuditCheck | null;
  error: ErrorInfo | null;
}

export interface ReportActions {
  exportReport(format: ReportFormat): Promise<ReportReply | null>;
  verifyAudit(): Promise<AuditCheck | null>;
  reset(): void;
}

export type ReportStore = ReturnType<typeof createReportStore>;

export function createReportStore(client: Client) {
  return createStore<ReportState & ReportActions>()((set, get) => ({
    exporting: null, exports: {}, last: null, audit: null, error: null,
    async exportReport(format) {
      if (get().exporting) return null;
      set({ exporting: format, error: null });
      try {
        const r = await client.call('report.export', { format });
        set({ exports: { ...get().exports, [format]: r }, last: r });
        // The export itself was audited: show the chain as it is now.
        await get().verifyAudit();
        return r;
      } catch (e) {
        set({ error: toErrorInfo(e) });
        return null;
      } finally {
        set({ exporting: null });
      }
    },
    async verifyAudit() {
      try {
        const audit = await client.call('audit.verify', {});
        set({ audit });
        return audit;
      } catch (e) {
        set({ error: toErrorInfo(e) });
        return null;
      }
    },
    reset() { set({ exporting: null, exports: {}, last: null, audit: null, error: null }); },
  }));
}
