// The case report's model: built once by the core, rendered to HTML, Markdown, JSON and PDF, and shown by
// the UI (evidence integrity problems included). docs/report-schema.json documents its JSON form.
import type { SealCheck, AuditEntry, EvidenceFile } from './case-types';
import type { Finding, Note, TimelineEvent } from './findings';

export const REPORT_FORMATS = ['html', 'md', 'json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Result of re-hashing one evidence file just before the report was made. */
export interface EvidenceCheck {
  evidenceId: number;
  relPath: string;
  originalPath: string;
  expectedSha256: string;
  /** verified: same bytes; mismatch: the file changed; missing: not reachable at its original path. */
  status: 'verified' | 'mismatch' | 'missing';
  actualSha256: string | null;
  error?: string;
}

export interface AuditSummary {
  entries: number;
  chainOk: boolean;
  /** Hash of the last entry when the chain verifies. */
  head: string | null;
  brokenAt: number | null;
  reason: string | null;
  firstAt: string | null;
  lastAt: string | null;
  byAction: Record<string, number>;
  /** Entries about findings, tags and notes (capped; counts are in byAction). */
  findingEntries: AuditEntry[];
}

export interface ReportModel {
  schema: 'cairn-report/1';
  generatedAt: string;
  case: { id: string; name: string; examiner: string; createdAt: string; dir: string };
  tool: { name: 'Cairn'; version: string; duckdbVersion: string };
  evidence: EvidenceFile[];
  evidenceChecks: EvidenceCheck[];
  /** Files whose check was not 'verified', or whose rows no longer match their seal. Never hidden: every renderer puts them first. */
  integrityProblems: number;
  /** The evidence tables' seals, recomputed at export. */
  seals: SealCheck;
  findings: Finding[];
  timeline: TimelineEvent[];
  caseNotes: Note[];
  audit: AuditSummary;
}

export interface ReportExport {
  path: string;
  sha256Path: string;
  sha256: string;
  bytes: number;
  evidenceChecks: EvidenceCheck[];
  integrityProblems: number;
  /** Loopback host only: where the browser can download the report and its sidecar (token required; see DOWNLOADS in contract.ts). */
  downloadUrl?: string;
  sha256DownloadUrl?: string;
}
