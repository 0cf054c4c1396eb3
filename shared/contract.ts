// The contract between the workbench UI and the core, declared once: each method's argument schema (checked at
// run time by the dispatcher: the page is not trusted) and its result type. api.ts derives `Api`, `Method`,
// `Args`, `Result` and `METHODS` from this table; adding a method is one entry here plus its handler.
import { z } from 'zod';
import type { ErrorInfo } from './errors';
import type { AppInfo, ExportResult, FunctionInfo, LibraryQuery, RecentCase, SchemaTable } from './api-types';
import type { AuditChain, CaseInfo, CaseIntegrity, EvidenceFile, ImportProgress, ImportSummary, QueryHistoryEntry, QueryPage, RejectRow, SealCheck, TableInfo } from './case-types';
import type { ParquetExportFinished, ParquetExportProgress, ParquetExportStart } from './types';
import type { HuntSummary } from './hunt';
import type { IntegrityReport } from './integrity-types';
import type { AuditAnchor, AuditTrailCheck } from './attestation';
import type { CoverageLedger } from './coverage';
import { SEVERITIES, type Finding, type FindingSummary, type Note, type Tag, type TimeHistogram, type TimelineEvent } from './findings';
import { REPORT_FORMATS, type CustodyRecord, type ExaminerDetails, type ReportExport } from './report';

export const MAX_STRING = 4 * 1024 * 1024;
const MAX_ITEMS = 100_000;

const text = z.string().max(MAX_STRING);
const num = z.number(); // zod 4 refuses NaN and ±Infinity
const paths = z.array(z.string().max(4096)).max(MAX_ITEMS);
const offsets = z.array(num).max(MAX_ITEMS);
const params = z.record(z.string(), z.string().max(65536));
const sort = z.object({ column: text, descending: z.boolean().optional() });
const none = z.strictObject({});
const args = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A recorded audit-chain head (shared/attestation.ts), as `cairn verify --against` reads it from a report. */
const auditAnchor = z.object({
  format: z.literal('cairn-audit-anchor/1'), caseId: text, entries: num, head: text, at: text, fingerprint: text, publicKey: text, signature: text.optional(),
});

/** Rows picked from an open result; `finding.create` and `finding.addRows` share it. */
const rowSelection = { queryId: text, rows: offsets.optional(), all: z.boolean().optional(), sort: sort.optional() };
const findingFields = { title: text, severity: z.enum(SEVERITIES).optional(), description: text.optional(), attack: text.optional(), tags: paths.optional() };

/** A method: its argument schema and (types only) its result. */
interface MethodSpec<A extends z.ZodType, R> { args: A; result?: R }
const method = <R>() => <A extends z.ZodType>(a: A): MethodSpec<A, R> => ({ args: a });

export const CONTRACT = {
  'app.info': method<AppInfo>()(none),
  'case.create': method<CaseInfo>()(args({ dir: text, name: text, examiner: text })),
  'case.open': method<CaseInfo>()(args({ dir: text })),
  'case.openDemo': method<CaseInfo>()(none),
  'case.current': method<CaseInfo | null>()(none),
  'case.close': method<void>()(none),
  'case.recent': method<RecentCase[]>()(none),
  /** The evidence database's tables and views, with row counts for tables (cairn info). */
  'case.tables': method<TableInfo[]>()(none),
  /** Recomputes the audit chain and every seal (refused with BUSY while an import runs); records nothing. */
  'case.integrity': method<CaseIntegrity>()(none),
  /** The audit chain, the seals and the case's CloudTrail digests, checked offline and the check audited (cairn verify). */
  'case.verify': method<{ ok: boolean; audit: AuditChain; auditTrail: AuditTrailCheck; signedHead: AuditAnchor | null; seals: SealCheck; cloudtrailDigests: IntegrityReport | null }>()(
    args({ against: z.array(z.object({ source: text, anchor: auditAnchor })).max(100).optional() })),
  'evidence.list': method<EvidenceFile[]>()(none),
  'evidence.rejects': method<{ rows: RejectRow[]; total: number }>()(args({ evidenceId: num, offset: num, limit: num })),
  /** `as`: read every file as this format (files that need a decision). */
  'import.start': method<{ runId: number }>()(args({ paths, as: z.string().max(64).optional() })),
  'import.cancel': method<void>()(args({ runId: num })),
  'schema.tables': method<SchemaTable[]>()(none),
  'schema.functions': method<FunctionInfo[]>()(none),
  /** queryId (optional, chosen by the caller) lets the caller cancel the run before its first page arrives. */
  'query.run': method<QueryPage>()(args({ sql: text, params: params.optional(), pageSize: num.optional(), timeoutMs: num.optional(), queryId: text.optional() })),
  'query.page': method<QueryPage>()(args({ queryId: text, offset: num, limit: num, sort: sort.optional() })),
  'query.complete': method<QueryPage>()(args({ queryId: text })),
  'query.cancel': method<void>()(args({ queryId: text })),
  'query.close': method<void>()(args({ queryId: text })),
  /** Writes the whole result into the case's exports/ folder; `path` may only name the file there. */
  'query.export': method<ExportResult>()(args({ queryId: text, format: z.enum(EXPORT_FORMATS), path: text.optional() })),
  /**
   * Exports the case as Hive-partitioned Parquet with manifest.json and DDL (cairn export parquet) into a new folder
   * of the case's exports/ folder; `name` may only name that folder. Runs in the background (export.* events), one
   * at a time; reads the case, never changes its evidence.
   */
  'export.parquet': method<ParquetExportStart>()(args({ name: z.string().max(128).optional() })),
  'export.cancel': method<void>()(args({ exportId: num })),
  'query.history': method<QueryHistoryEntry[]>()(args({ limit: num.optional() })),
  'library.list': method<LibraryQuery[]>()(none),
  /** Runs the shipped Sigma rules and any rule folders given; every rule runs or says why not. */
  'hunt.run': method<HuntSummary>()(args({ ruleDirs: paths.optional() })),
  /** Records the hits of a rule from the open case's last hunt as a finding. */
  'hunt.accept': method<{ findingId: number }>()(args({ file: text })),
  'dialog.openEvidence': method<string[]>()(args({ folders: z.boolean() })),
  'dialog.chooseCaseFolder': method<string | null>()(none),
  /** Makes a finding from rows of an open result (`rows` offsets, or `all`; at most MAX_FINDING_ROWS). */
  'finding.create': method<Finding>()(args({ ...rowSelection, ...findingFields, note: text.optional() })),
  'finding.addRows': method<Finding>()(args({ id: num, ...rowSelection })),
  'finding.update': method<Finding>()(args({ id: num, ...findingFields, title: text.optional() })),
  /** Marks the finding deleted (kept, and audited); it leaves lists, the timeline and the report. */
  'finding.delete': method<void>()(args({ id: num })),
  'finding.list': method<FindingSummary[]>()(args({ tag: text.optional(), severity: z.enum(SEVERITIES).optional(), includeDeleted: z.boolean().optional() })),
  'finding.get': method<Finding>()(args({ id: num })),
  'tag.list': method<Tag[]>()(none),
  /** Creates the tag or changes its colour (#rrggbb). */
  'tag.upsert': method<Tag>()(args({ name: text, colour: text.optional() })),
  /** Case notes (findingId null) and finding notes; `findingId` limits to one finding's. */
  'note.list': method<Note[]>()(args({ findingId: num.optional() })),
  /** Creates (no id) or edits a note; an empty body deletes it (kept, and audited). */
  'note.save': method<Note | null>()(args({ id: num.optional(), findingId: num.optional(), body: text })),
  /** Every finding row across sources in event-time order (undated rows last). */
  'timeline.events': method<TimelineEvent[]>()(args({ tag: text.optional(), limit: num.optional() })),
  /** Event counts per time bucket of an open result; the column is picked when not given. */
  'timeline.histogram': method<TimeHistogram>()(args({ queryId: text, column: text.optional() })),
  /** Re-hashes the evidence, writes the report into the case's reports/ folder with a .sha256 sidecar. */
  'report.export': method<ReportExport>()(args({ format: z.enum(REPORT_FORMATS), path: text.optional() })),
  /** The whole trail: hash chain, recorded (signed) heads, signatures; `reason` names every problem. */
  'audit.verify': method<{ ok: boolean; entries: number; head: string | null; brokenAt: number | null; reason: string | null }>()(none),
  /** The examiner fields the report carries: name, qualifications, limitations, executive summary. */
  'case.details': method<ExaminerDetails>()(none),
  /** Sets the fields given (audited); the others stay. */
  'case.setDetails': method<ExaminerDetails>()(args({ name: text.optional(), qualifications: text.optional(), limitations: text.optional(), summary: text.optional() })),
  'custody.list': method<CustodyRecord[]>()(none),
  /** Appends a chain-of-custody record (append-only, audited): item, received from, when, how, by whom. */
  'custody.add': method<CustodyRecord>()(args({ item: text, path: text.optional(), receivedFrom: text, receivedAt: text, how: text, receivedBy: text, notes: text.optional() })),
  /** The coverage and gap ledger of the open case (per source, account, region and hour). */
  'coverage.get': method<CoverageLedger>()(none),
} as const;

/**
 * Result fields naming a file the browser may download: { urlField: pathField }. A host that serves files (the
 * loopback server) fills each urlField for a path inside the open case; no transport knows method names.
 */
export const DOWNLOADS: { readonly [M in keyof typeof CONTRACT]?: Readonly<Record<string, string>> } = {
  'query.export': { downloadUrl: 'path' },
  'report.export': { downloadUrl: 'path', sha256DownloadUrl: 'sha256Path', manifestCsvDownloadUrl: 'manifestCsvPath' },
};

/** Events the core pushes to every transport. */
export interface ApiEvents {
  'import.progress': ImportProgress;
  'import.finished': ImportSummary;
  /** An import that stopped on an error after its run was recorded (a bad input fails import.start itself). */
  'import.failed': { runId: number; error: ErrorInfo };
  'case.changed': CaseInfo | null;
  'export.progress': ParquetExportProgress & { exportId: number };
  'export.finished': ParquetExportFinished;
  /** A Parquet export that failed or was cancelled (code CANCELLED); nothing is left in its folder. */
  'export.failed': { exportId: number; error: ErrorInfo };
}
