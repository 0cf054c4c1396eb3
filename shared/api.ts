// The one contract between the workbench UI and the core. Both transports (Electron IPC and the loopback
// HTTP server) carry exactly these methods and events; a feature is written once, against this file.
import type { ErrorInfo } from './errors';
import type { HuntSummary } from './hunt';
import type {
  CaseInfo, CaseIntegrity, EvidenceFile, ImportProgress, ImportSummary, QueryHistoryEntry, QueryPage, QuerySort, RejectRow,
  Finding, FindingSummary, FindingUpdate, NewFinding, Note, ReportExport, ReportFormat, RowSelection, Severity, Tag,
  TimeHistogram, TimelineEvent,
} from './types';

export interface RecentCase { dir: string; name: string; openedAt: string }

export interface SchemaColumn {
  name: string;
  type: string;
  /** Struct fields (and struct fields of list elements), for the schema browser and completions. */
  children?: SchemaColumn[];
}

export interface SchemaTable {
  name: string;
  kind: 'table' | 'view';
  rows: number | null;
  columns: SchemaColumn[];
}

export interface FunctionInfo {
  name: string;
  signature: string;     // e.g. "date_add(unit, value, timestamp)"
  description: string;
  dialect: 'presto' | 'duckdb';
}

export interface LibraryParam {
  name: string;          // bound as $name in the SQL
  label: string;
  kind: 'timestamp' | 'text' | 'principal' | 'ip' | 'cidr' | 'account' | 'region';
  default?: string;
  required: boolean;
}

export interface LibraryQuery {
  id: string;            // file name without .sql
  title: string;
  description: string;
  tables: string[];
  tags: string[];
  params: LibraryParam[];
  sql: string;
  /** Set when the query is kept exactly as published although it cannot run: the error code, then why. */
  fails?: string;
}

export interface ExportResult { path: string; rows: number; bytes: number; downloadUrl?: string }

export interface AppInfo {
  toolVersion: string;
  host: 'electron' | 'loopback';
  /** Native file dialogs exist only in the desktop app; in a browser the UI asks for paths as text. */
  nativeDialogs: boolean;
}

export interface Api {
  'app.info': (a: Record<string, never>) => AppInfo;
  'case.create': (a: { dir: string; name: string; examiner: string }) => CaseInfo;
  'case.open': (a: { dir: string }) => CaseInfo;
  'case.openDemo': (a: Record<string, never>) => CaseInfo;
  'case.current': (a: Record<string, never>) => CaseInfo | null;
  'case.close': (a: Record<string, never>) => void;
  'case.recent': (a: Record<string, never>) => RecentCase[];
  /** Recomputes the audit chain and every seal (refused with BUSY while an import runs). */
  'case.integrity': (a: Record<string, never>) => CaseIntegrity;
  'evidence.list': (a: Record<string, never>) => EvidenceFile[];
  'evidence.rejects': (a: { evidenceId: number; offset: number; limit: number }) => { rows: RejectRow[]; total: number };
  'import.start': (a: { paths: string[] }) => { runId: number };
  'import.cancel': (a: { runId: number }) => void;
  'schema.tables': (a: Record<string, never>) => SchemaTable[];
  'schema.functions': (a: Record<string, never>) => FunctionInfo[];
  /** queryId (optional, chosen by the caller) lets the caller cancel the run before its first page arrives. */
  'query.run': (a: { sql: string; params?: Record<string, string>; pageSize?: number; timeoutMs?: number; queryId?: string }) => QueryPage;
  'query.page': (a: { queryId: string; offset: number; limit: number; sort?: QuerySort }) => QueryPage;
  'query.complete': (a: { queryId: string }) => QueryPage;
  'query.cancel': (a: { queryId: string }) => void;
  'query.close': (a: { queryId: string }) => void;
  /** Writes the whole result into the case's exports/ folder; `path` may only name the file there. */
  'query.export': (a: { queryId: string; format: 'csv' | 'json'; path?: string }) => ExportResult;
  'query.history': (a: { limit?: number }) => QueryHistoryEntry[];
  'library.list': (a: Record<string, never>) => LibraryQuery[];
  /** Runs the shipped Sigma rules and any rule folders given; every rule runs or says why not. */
  'hunt.run': (a: { ruleDirs?: string[] }) => HuntSummary;
  /** Records the hits of a rule from the last hunt of the open case as a finding. */
  'hunt.accept': (a: { file: string }) => { findingId: number };
  'dialog.openEvidence': (a: { folders: boolean }) => string[];
  'dialog.chooseCaseFolder': (a: Record<string, never>) => string | null;
  /** Makes a finding from rows of an open result (`rows` offsets, or `all`; at most MAX_FINDING_ROWS). */
  'finding.create': (a: NewFinding) => Finding;
  'finding.addRows': (a: RowSelection & { id: number }) => Finding;
  'finding.update': (a: FindingUpdate) => Finding;
  /** Marks the finding deleted (kept, and audited); it leaves lists, the timeline and the report. */
  'finding.delete': (a: { id: number }) => void;
  'finding.list': (a: { tag?: string; severity?: Severity; includeDeleted?: boolean }) => FindingSummary[];
  'finding.get': (a: { id: number }) => Finding;
  'tag.list': (a: Record<string, never>) => Tag[];
  /** Creates the tag or changes its colour (#rrggbb). */
  'tag.upsert': (a: { name: string; colour?: string }) => Tag;
  /** Case notes (findingId null) and finding notes; `findingId` limits to one finding's. */
  'note.list': (a: { findingId?: number }) => Note[];
  /** Creates (no id) or edits a note; an empty body deletes it (kept, and audited). */
  'note.save': (a: { id?: number; findingId?: number; body: string }) => Note | null;
  /** Every finding row across sources in event-time order (undated rows last). */
  'timeline.events': (a: { tag?: string; limit?: number }) => TimelineEvent[];
  /** Event counts per time bucket of an open result; the column is picked when not given. */
  'timeline.histogram': (a: { queryId: string; column?: string }) => TimeHistogram;
  /** Re-hashes the evidence, writes the report into the case's reports/ folder with a .sha256 sidecar. */
  'report.export': (a: { format: ReportFormat; path?: string }) => ReportExport;
  'audit.verify': (a: Record<string, never>) => { ok: boolean; entries: number; head: string | null; brokenAt: number | null; reason: string | null };
}

export interface ApiEvents {
  'import.progress': ImportProgress;
  'import.finished': ImportSummary;
  'case.changed': CaseInfo | null;
}

export type Method = keyof Api;
export type Args<M extends Method> = Parameters<Api[M]>[0];
export type Result<M extends Method> = ReturnType<Api[M]>;
export type EventName = keyof ApiEvents;

export type RpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface RpcEvent<E extends EventName = EventName> { event: E; payload: ApiEvents[E] }

/** What the renderer needs from a transport; Electron's preload and the loopback client both provide it. */
export interface Transport {
  invoke(method: Method, args: unknown): Promise<RpcReply>;
  onEvent(listener: (e: RpcEvent) => void): () => void;
}

export class RpcError extends Error {
  constructor(readonly info: ErrorInfo) { super(info.message); this.name = 'RpcError'; }
  get code(): ErrorInfo['code'] { return this.info.code; }
}

/** A typed client over any transport: `await client.call('query.run', { sql })`. */
export function createClient(transport: Transport) {
  return {
    async call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>> {
      const reply = await transport.invoke(method, args);
      if (!reply.ok) throw new RpcError(reply.error);
      return reply.value as Result<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      return transport.onEvent((e) => { if (e.event === event) listener(e.payload as ApiEvents[E]); });
    },
  };
}

export type Client = ReturnType<typeof createClient>;

/** Every method name, for runtime validation by the dispatcher. Kept in step with Api by the type below. */
export const METHODS = [
  'app.info', 'case.create', 'case.open', 'case.openDemo', 'case.current', 'case.close', 'case.recent', 'case.integrity',
  'evidence.list', 'evidence.rejects', 'import.start', 'import.cancel', 'schema.tables', 'schema.functions',
  'query.run', 'query.page', 'query.complete', 'query.cancel', 'query.close', 'query.export', 'query.history',
  'library.list', 'hunt.run', 'hunt.accept', 'dialog.openEvidence', 'dialog.chooseCaseFolder',
  'finding.create', 'finding.addRows', 'finding.update', 'finding.delete', 'finding.list', 'finding.get',
  'tag.list', 'tag.upsert', 'note.list', 'note.save', 'timeline.events', 'timeline.histogram', 'report.export',
  'audit.verify',
] as const satisfies readonly Method[];
type MissingMethods = Exclude<Method, (typeof METHODS)[number]>;
export const ALL_METHODS_LISTED: MissingMethods extends never ? true : MissingMethods = true;
