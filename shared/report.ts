// The case report's model: built once by the core, rendered to HTML, Markdown, JSON and PDF, and shown by
// the UI (evidence integrity problems included). docs/report-schema.json documents its JSON form.
import type { SealCheck, AuditEntry, EvidenceFile, FileStatus } from './case-types';
import type { Finding, Note, Severity, TimelineEvent } from './findings';
import type { ReportAttestation } from './attestation';
import type { TechniqueCount } from './hunt';

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

/** The examiner fields a court report carries, kept in the case (case.setDetails, `cairn case set`). */
export interface ExaminerDetails {
  name: string;
  /** Who the examiner is professionally: training, certifications, experience (free text). */
  qualifications: string;
  /** What the examination did not or could not establish (free text, Markdown). */
  limitations: string;
  /** The examiner's own executive summary (Markdown); the report adds the computed facts beside it. */
  summary: string;
}

/** One chain-of-custody record: how an evidence item (a drive, an export, a folder) reached the examiner. */
export interface CustodyRecord {
  id: number;
  /** What was received, as the examiner names it (e.g. "USB drive SN 4C53-0001, AWSLogs export"). */
  item: string;
  /** The file or folder as added to the case; manifest files whose original path is or lies under it belong to the item. */
  path: string | null;
  receivedFrom: string;
  /** When it was received (ISO-8601, as the examiner gives it). */
  receivedAt: string;
  /** How it was received (hand delivery, courier, secure transfer, ...), with seals or hashes given. */
  how: string;
  receivedBy: string;
  notes: string;
  recordedAt: string;
}

export type NewCustodyRecord = Omit<CustodyRecord, 'id' | 'recordedAt' | 'path' | 'notes'> & { path?: string | null; notes?: string };

/** A custody record in the report, with the manifest files it accounts for. */
export interface CustodyInReport extends CustodyRecord { files: number; bytes: number }

/** Evidence per source, account, region and day (from the S3 layout; '-' where a path has none). */
export interface EvidenceGroup {
  source: string;
  account: string;
  region: string;
  day: string;
  files: number;
  bytes: number;
  records: number;
  imported: number;
  rejected: number;
  /** Files with a problem (see ReportProblem), of these. */
  problemFiles: number;
  /** 'verified' when every file re-hashed to its manifest hash and its rows match their seals; else what failed. */
  integrity: string;
}

export type ProblemKind = 'failed' | 'rejects' | 'unsupported' | 'needs_decision' | 'pending' | 'mismatch' | 'missing' | 'seal';

/** A file the reader must know about; every one is listed, in every format. */
export interface ReportProblem {
  evidenceId: number;
  relPath: string;
  kind: ProblemKind;
  status: FileStatus;
  detail: string;
}

/** Rejected records of one file, by reason (cairn_rejects), with where the first of each sits. */
export interface FileRejects {
  evidenceId: number;
  relPath: string;
  rejected: number;
  reasons: Array<{ reason: string; count: number; firstOrdinal: number | null; firstLine: number | null; firstByteOffset: number | null }>;
}

/** A format the analyst chose for a file detection left undecided (`cairn import --as FORMAT`). */
export interface FormatDecision { evidenceId: number; relPath: string; format: string; runId: number; at: string; status: FileStatus }

export interface ExecutiveSummary {
  evidenceFiles: number;
  bytes: number;
  recordsRead: number;
  imported: number;
  rejected: number;
  sources: Array<{ source: string; files: number; imported: number }>;
  accounts: string[];
  regions: string[];
  /** First and last day in the evidence's S3 layout. */
  firstDay: string | null;
  lastDay: string | null;
  problemFiles: number;
  integrityProblems: number;
  findingsBySeverity: Record<Severity, number>;
  /** The finding rows' earliest and latest event times. */
  firstFindingEvent: string | null;
  lastFindingEvent: string | null;
}

/** A rule pack's identity: a second examiner recomputes `sha256` from the same files (docs/report-schema.json). */
export interface RulePack { name: string; folder: string; files: number; sha256: string | null; upstream: string | null }

/** A reference dataset shipped with this Cairn; `loadsInCase`: times this case's audit log records it loaded. */
export interface ReferenceData { name: string; version: string; licence: string; usedFor: string; loadsInCase: number }

/** The validation section (#26): what was checked, with what, and what the checks found. */
export interface ReportValidation {
  /** The evidence files re-hashed at export. */
  rehash: { files: number; verified: number; mismatch: number; missing: number };
  /**
   * Offline CloudTrail digest validation (electron/core/integrity), as `cairn verify --json` gives it; null when
   * the case holds no digest files (`digestsNote` says so).
   */
  cloudtrailDigests: unknown | null;
  digestsNote: string;
  rejects: FileRejects[];
  decisions: { pending: Array<{ evidenceId: number; relPath: string; reason: string }>; made: FormatDecision[] };
  /** Fields seen in the evidence that no table has a column for, where the importer records them. */
  schemaDrift: { note: string; files: Array<{ evidenceId: number; relPath: string; source: string; fields: string[] }> };
  /**
   * The rule packs shipped with this Cairn: the hunting queries (resources/queries) and SigmaHQ's rules
   * (resources/sigma). Each: its files, and one SHA-256 over every file's relative path and content in path order.
   */
  rulePacks: RulePack[];
  /**
   * Reference data the case's SQL can consult (the offline IP databases behind ip_asn/ip_org/ip_country): name,
   * version and licence, and how often this case's audit log records it loaded, so a second examiner uses the same.
   */
  referenceData: ReferenceData[];
  /** Coverage and gap ledger (branch `coverage`): null until that section is built; the renderers print `note`. */
  coverage: { note: string; data: unknown | null };
  /** Examiner signature over the report (branch `coverage`, Ed25519): null until built. */
  signature: { note: string; data: unknown | null };
}

/** The manifest CSV written beside the report; its SHA-256 is in the report and in the sidecar. */
export interface ManifestCsvRef { name: string; sha256: string; rows: number }

export interface ReportModel {
  schema: 'cairn-report/2';
  generatedAt: string;
  case: { id: string; name: string; examiner: string; createdAt: string; dir: string };
  examiner: ExaminerDetails;
  tool: { name: 'Cairn'; version: string; duckdbVersion: string };
  summary: ExecutiveSummary;
  findings: Finding[];
  /** ATT&CK techniques of the findings, with findings and rows per technique (electron/core/report/techniques-section.ts). */
  techniques: TechniqueCount[];
  timeline: TimelineEvent[];
  caseNotes: Note[];
  evidenceSummary: EvidenceGroup[];
  problems: ReportProblem[];
  custody: CustodyInReport[];
  /** Manifest files no custody record's path accounts for. */
  filesWithoutCustody: number;
  validation: ReportValidation;
  /** Files whose check was not 'verified', or whose rows no longer match their seal. Never hidden: every renderer puts them first. */
  integrityProblems: number;
  /** The evidence tables' seals, recomputed at export. */
  seals: SealCheck;
  audit: AuditSummary;
  manifestCsv: ManifestCsvRef;
  /** Appendix: the full manifest, and each file re-hashed at export. */
  evidence: EvidenceFile[];
  evidenceChecks: EvidenceCheck[];
  /** Examiner key, the signed chain head this report records, the audit trail's check, coverage (#26). */
  attestation?: ReportAttestation;
}

export interface ReportExport {
  path: string;
  sha256Path: string;
  sha256: string;
  bytes: number;
  evidenceChecks: EvidenceCheck[];
  integrityProblems: number;
  /** The per-file manifest CSV beside the report (its hash is also the sidecar's second line). */
  manifestCsv: { path: string; sha256: string; rows: number };
  /** The CSV's path again, flat, so DOWNLOADS (contract.ts) can offer it. */
  manifestCsvPath: string;
  /** REPORT.sig (the report's hash and chain head, signed with the examiner's key); null when unsigned. */
  signaturePath?: string | null;
  /** Loopback host only: where the browser can download the report, its sidecar and its CSV (token required; see DOWNLOADS in contract.ts). */
  downloadUrl?: string;
  sha256DownloadUrl?: string;
  manifestCsvDownloadUrl?: string;
}
