// The contract between the workbench UI and the core, declared once: each method's argument schema (checked at
// run time by the dispatcher: the page is not trusted) and its result type. api.ts derives `Api`, `Method`,
// `Args`, `Result` and `METHODS` from this table; adding a method is one entry here plus its handler.
import { z } from 'zod';
import type { ErrorInfo } from './errors';
import { SURROUNDING_PIVOTS, type FieldSummary, type IpInfo, type SurroundingEvents, type WholeEvent } from './analyst-types';
import type { AppInfo, ExportResult, FunctionInfo, LibraryQuery, RecentCase, SchemaTable } from './api-types';
import type { AuditChain, CaseInfo, CaseIntegrity, CaseIntegrityStatus, EvidenceFile, ImportFormats, ImportProgress, ImportSummary, QueryHistoryEntry, ResumableRun, QueryPage, RejectRow, SealCheck, TableInfo } from './case-types';
import type { ParquetExportFinished, ParquetExportProgress, ParquetExportStart } from './types';
import type { HuntSummary, TechniqueCount } from './hunt';
import { INTEGRITY_STATUSES, type IntegrityReport, type IntegrityStatus } from './integrity-types';
import { DIGEST_KINDS, type DigestPage } from './digest-page';
import type { AuditAnchor, AuditTrailCheck } from './attestation';
import type { CoverageLedger } from './coverage';
import { MANIFEST_GROUPS, MANIFEST_SORTS, type ManifestPage, type ManifestSummary } from './evidence-manifest';
import { SEVERITIES, type Finding, type FindingSummary, type Note, type Tag, type TimeHistogram, type TimelineEvent } from './findings';
import { REPORT_FORMATS, type CustodyRecord, type ExaminerDetails, type ReportExport } from './report';
import type { EvidenceTimeRange, RowMark, SavedQueryTabs } from './workspace';

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
  /**
   * The workbench's status bar: the audit chain checked now; the seals from the last full check while nothing
   * changed since, else 'verifying' while a full check runs in the background (decision 0005). Never BUSY.
   */
  'case.integrityStatus': method<CaseIntegrityStatus>()(none),
  /** The audit chain, the seals and the case's CloudTrail digests, checked offline and the check audited (cairn verify). */
  'case.verify': method<{ ok: boolean; audit: AuditChain; auditTrail: AuditTrailCheck; signedHead: AuditAnchor | null; seals: SealCheck; cloudtrailDigests: IntegrityReport | null }>()(
    args({ against: z.array(z.object({ source: text, anchor: auditAnchor })).max(100).optional() })),
  'evidence.list': method<EvidenceFile[]>()(none),
  /** Counts over the whole manifest: files per status, bytes, records. */
  'evidence.summary': method<ManifestSummary>()(none),
  /** One page of the manifest, filtered, sorted and grouped by the core (cases hold 10^5 files). */
  'evidence.page': method<ManifestPage>()(args({
    offset: num, limit: z.number().int().min(0).max(5000),
    sort: z.object({ column: z.enum(MANIFEST_SORTS), descending: z.boolean().optional() }).optional(),
    filter: z.object({ status: text.optional(), account: text.optional(), region: text.optional(), day: text.optional(), format: text.optional(), text: text.optional() }).strict().optional(),
    groupBy: z.enum(MANIFEST_GROUPS).optional(),
  })),
  /** The case's CloudTrail digests checked offline (cached until the manifest changes or `refresh`), one page of log files or digests. */
  'evidence.digests': method<DigestPage>()(args({
    kind: z.enum(DIGEST_KINDS), offset: num, limit: z.number().int().min(0).max(5000),
    status: z.enum(INTEGRITY_STATUSES as [IntegrityStatus, ...IntegrityStatus[]]).optional(), region: text.optional(), hour: text.optional(), text: text.optional(), refresh: z.boolean().optional(),
  })),
  'evidence.rejects': method<{ rows: RejectRow[]; total: number }>()(args({ evidenceId: num, offset: num, limit: num })),
  /** `as`: read every file as this format (files that need a decision); `fields`: the field list of files that do not say theirs. */
  'import.start': method<{ runId: number }>()(args({ paths, as: z.string().max(64).optional(), fields: z.array(z.string().min(1).max(64)).max(200).optional() })),
  'import.cancel': method<void>()(args({ runId: num })),
  /** The formats an analyst may choose for a file (import.start `as`), and the field names of formats whose files do not list theirs. */
  'import.formats': method<ImportFormats>()(none),
  /** The newest run, when it stopped (cancelled, failed, interrupted) with files left; null otherwise or while an import runs. */
  'import.resumable': method<ResumableRun | null>()(none),
  /** Imports the files a stopped run left (the newest run unless given): its inputs, walked again, only its unfinished files. */
  'import.resume': method<{ runId: number; resumeOf: number }>()(args({ runId: num.optional() })),
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
   * Exports the case as Hive-partitioned Parquet with manifest.json and DDL (cairn export parquet). A page names a
   * new folder of the case's exports/ folder; the CLI, whose user typed `--out`, any new or empty folder (as with
   * reports). `location` is the URI the DDL points at. Runs in the background (export.* events), one at a time;
   * reads the case, never changes its evidence.
   */
  'export.parquet': method<ParquetExportStart>()(args({ name: z.string().max(4096).optional(), location: z.string().max(4096).regex(/^[^\x00-\x1f\x7f]*$/, 'a location has no control characters').optional() })),
  'export.cancel': method<void>()(args({ exportId: num })),
  /** Newest first; `search` keeps runs whose text or parameter values contain it. */
  'query.history': method<QueryHistoryEntry[]>()(args({ limit: num.optional(), search: z.string().max(1000).optional() })),
  'library.list': method<LibraryQuery[]>()(none),
  /** The SQL and parameters an open result was made by (to filter it in or out). */
  'result.source': method<{ sql: string; params: Record<string, string> }>()(args({ queryId: text })),
  /** Top and rare values of one column of an open result, with counts (DuckDB over the result's table). */
  'result.fieldSummary': method<FieldSummary>()(args({ queryId: text, column: text, limit: num.optional() })),
  /** The whole record behind a row: by provenance (`_evidence_id`, `_ordinal`) or a CloudTrail event id. */
  'event.record': method<WholeEvent | null>()(args({ evidenceId: num.optional(), ordinal: num.optional(), eventId: text.optional() })),
  /** Events of every source with the same principal, source IP or target within ± minutes of a time. */
  'event.surrounding': method<SurroundingEvents>()(args({
    time: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z?$/), minutes: z.number().int().min(1).max(1440),
    pivot: z.enum(SURROUNDING_PIVOTS), value: z.string().max(4096), limit: z.number().int().min(1).max(1000).optional(),
  })),
  /** ASN, organisation and country of up to 200 addresses from the offline databases (loaded on first use). */
  'ip.lookup': method<IpInfo[]>()(args({ ips: z.array(z.string().max(64)).max(200) })),
  /** Runs the shipped Sigma rules and any rule folders given; every rule runs or says why not. */
  'hunt.run': method<HuntSummary>()(args({ ruleDirs: paths.optional(), shipped: z.boolean().optional() })),
  /** Records the hits of a rule from the open case's last hunt as a finding. */
  'hunt.accept': method<{ findingId: number }>()(args({ file: text })),
  /** The ATT&CK techniques the open case's findings carry, with finding and row counts; names from the offline table. */
  'attack.techniques': method<TechniqueCount[]>()(none),
  /** Writes the techniques as an ATT&CK Navigator layer (4.5) file; a page may only name a file in the case's exports/. */
  'attack.layer': method<{ path: string; techniques: number; downloadUrl?: string }>()(args({ path: text.optional() })),
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
  'timeline.histogram': method<TimeHistogram>()(args({ queryId: text, column: text.optional(), interval: num.optional() })),
  // ---- histogram windows, finding marks, saved tabs, evidence time range (issue #25; decisions 0065-0069) ----
  /** A new result: the rows of an open result whose time (the histogram's column) is in [start, end), in its order. */
  'timeline.window': method<QueryPage>()(args({ queryId: text, column: text.optional(), start: text, end: text, pageSize: num.optional() })),
  /** Rows [offset, offset+limit) of an open result (in `sort`'s order) that are already in a live finding. */
  'finding.marks': method<RowMark[]>()(args({ queryId: text, offset: num, limit: num, sort: sort.optional() })),
  /** The query tabs left open in the case (working state, not audited), and saving them (only into the case named). */
  'workspace.tabs': method<SavedQueryTabs | null>()(none),
  'workspace.saveTabs': method<void>()(args({ caseId: text, tabs: z.array(z.object({ title: z.string().max(200), sql: z.string().max(1_000_000), params })).min(1).max(100), active: num })),
  /** First and last event time across the case's sources. */
  'case.timeRange': method<EvidenceTimeRange>()(none),
  // ---- end issue #25 ----
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
  'attack.layer': { downloadUrl: 'path' },
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
