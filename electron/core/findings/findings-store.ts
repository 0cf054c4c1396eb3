import type { QueryColumn } from '../../../shared/types';
import type { TimelineEvent } from '../../../shared/findings';
import { timelineEvents } from './timeline';
import { SEVERITIES, type Finding, type FindingQuery, type FindingRow, type FindingSummary, type FindingUpdate, type Severity } from '../../../shared/findings';
import type { CaseStore } from '../case/case-store';
import { CairnError } from '../errors';
import {
  CLEAR_FINDING_TAGS, FINDING_BY_ID, INSERT_FINDING, INSERT_QUERY, INSERT_ROW, LINK_TAG, LIST_FINDINGS, MARK_FINDING_DELETED,
  QUERIES_OF_FINDING, ROWS_OF_FINDING, TOUCH_FINDING, UPDATE_FINDING,
} from './findings-sql';
import { NoteStore } from './note-store';
import { canonicalSnapshot, provenanceColumns, rowProvenance, sha256Hex } from './row-snapshot';
import { TagStore } from './tag-store';
import { eventTime } from './timeline-fields';
import { toFindingRow, type RowDbRow } from './finding-rows';
import { LIVE_ROW_KEYS, type RowKey } from './row-marks';

export type { RowDbRow };

/** Rows read from a query result, with the query that produced them. */
export interface PickedRows {
  sql: string;
  params: Record<string, string>;
  columns: QueryColumn[];
  rows: unknown[][];
}

export interface FindingFields {
  title: string;
  severity?: Severity;
  description?: string;
  attack?: string;
  tags?: string[];
}

interface FindingDbRow { id: number; title: string; severity: Severity; description: string; attack_technique: string | null; created_at: string; updated_at: string; deleted: number; row_count?: number; rows_unproven?: number }

const ATTACK_ID = /^T\d{4}(\.\d{3})?$/;

/** Findings and their frozen evidence rows in case.sqlite. Every change is one transaction with its audit entry. */
export class FindingsStore {
  readonly tags: TagStore;
  readonly notes: NoteStore;

  constructor(private readonly store: CaseStore) {
    this.tags = new TagStore(store);
    this.notes = new NoteStore(store);
  }

  /** Every live finding row's identity (row-marks.ts marks result rows already in a finding). */
  liveRowKeys(): RowKey[] { return this.store.statement(LIVE_ROW_KEYS).all() as RowKey[]; }

  /** Every live finding row in event-time order (timeline.ts). */
  timeline(opts: { tag?: string; limit?: number } = {}): TimelineEvent[] { return timelineEvents(this.store, opts); }

  create(fields: FindingFields, picked: PickedRows, note?: string): number {
    const f = checkFields(fields);
    const now = new Date().toISOString();
    return this.store.transaction(() => {
      const id = Number(this.store.statement(INSERT_FINDING).run({ ...f, now }).lastInsertRowid);
      const tags = this.setTags(id, fields.tags ?? []);
      this.store.audit('finding.created', { id, title: f.title, severity: f.severity, description: f.description, attack: f.attack, tags });
      this.insertRows(id, picked, now);
      if (note?.trim()) this.notes.save({ findingId: id, body: note });
      return id;
    });
  }

  addRows(id: number, picked: PickedRows): void {
    this.live(id);
    const now = new Date().toISOString();
    this.store.transaction(() => {
      this.insertRows(id, picked, now);
      this.store.statement(TOUCH_FINDING).run({ id, now });
    });
  }

  update(u: FindingUpdate): void {
    const was = this.live(u.id);
    const f = checkFields({
      title: u.title ?? was.title, severity: u.severity ?? was.severity, description: u.description ?? was.description,
      attack: u.attack === undefined ? was.attack_technique ?? undefined : u.attack,
    });
    const now = new Date().toISOString();
    this.store.transaction(() => {
      this.store.statement(UPDATE_FINDING).run({ ...f, id: u.id, now });
      const tags = u.tags === undefined ? undefined : this.setTags(u.id, u.tags);
      this.store.audit('finding.updated', { id: u.id, title: f.title, severity: f.severity, description: f.description, attack: f.attack, tags,
        was: { title: was.title, severity: was.severity, description: was.description, attack: was.attack_technique } });
    });
  }

  /** Flags the finding deleted; its rows, notes and tags stay for the record. */
  remove(id: number): void {
    const was = this.live(id);
    this.store.transaction(() => {
      this.store.statement(MARK_FINDING_DELETED).run({ id, now: new Date().toISOString() });
      this.store.audit('finding.deleted', { id, title: was.title, severity: was.severity });
    });
  }

  list(filter: { tag?: string; severity?: Severity; includeDeleted?: boolean } = {}): FindingSummary[] {
    if (filter.severity !== undefined && !SEVERITIES.includes(filter.severity)) throw new CairnError('BAD_REQUEST', `severity must be one of ${SEVERITIES.join(', ')}`);
    const rows = this.store.statement(LIST_FINDINGS).all({ tag: filter.tag ?? null, severity: filter.severity ?? null, includeDeleted: filter.includeDeleted ? 1 : 0 }) as FindingDbRow[];
    return rows.map((r) => this.summary(r));
  }

  get(id: number): Finding {
    const r = this.store.statement(FINDING_BY_ID).get(id) as FindingDbRow | undefined;
    if (!r) throw new CairnError('NOT_FOUND', `no finding ${id}`);
    const rows = (this.store.statement(ROWS_OF_FINDING).all(id) as RowDbRow[]).map(toFindingRow);
    const queries = (this.store.statement(QUERIES_OF_FINDING).all(id) as Array<{ id: number; sql: string; params: string; at: string }>)
      .map((q): FindingQuery => ({ id: q.id, sql: q.sql, params: JSON.parse(q.params) as Record<string, string>, at: q.at }));
    const unproven = rows.filter((x) => x.provenance === null).length;
    return { ...this.summary({ ...r, row_count: rows.length, rows_unproven: unproven }), queries, rows, notes: this.notes.list(id) };
  }

  private summary(r: FindingDbRow): FindingSummary {
    return {
      id: r.id, title: r.title, severity: r.severity, description: r.description, attack: r.attack_technique, tags: this.tags.ofFinding(r.id),
      rowCount: r.row_count ?? 0, rowsWithoutProvenance: r.rows_unproven ?? 0, createdAt: r.created_at, updatedAt: r.updated_at, deleted: r.deleted === 1,
    };
  }

  private live(id: number): FindingDbRow {
    const r = this.store.statement(FINDING_BY_ID).get(id) as FindingDbRow | undefined;
    if (!r || r.deleted) throw new CairnError('NOT_FOUND', `no finding ${id}${r ? ' (it was deleted)' : ''}`);
    return r;
  }

  private setTags(findingId: number, names: string[]): string[] {
    this.store.statement(CLEAR_FINDING_TAGS).run(findingId);
    const tags = [...new Map(names.map((n) => this.tags.upsert(n)).map((t) => [t.id, t])).values()];
    for (const t of tags) this.store.statement(LINK_TAG).run(findingId, t.id);
    return tags.map((t) => t.name);
  }

  private insertRows(findingId: number, picked: PickedRows, now: string): void {
    const db = this.store;
    const queryId = Number(db.statement(INSERT_QUERY).run({ findingId, sql: picked.sql, params: JSON.stringify(picked.params), now }).lastInsertRowid);
    const at = provenanceColumns(picked.columns);
    const evidenceSha = new Map<number, string | null>();
    const hashes: string[] = [];
    let unproven = 0;
    const insert = db.statement(INSERT_ROW);
    for (const values of picked.rows) {
      const prov = rowProvenance(values, at);
      if (prov && !evidenceSha.has(prov.evidenceId)) evidenceSha.set(prov.evidenceId, this.store.evidenceById(prov.evidenceId)?.sha256 ?? null);
      const snapshot = { columns: picked.columns, values };
      const text = canonicalSnapshot(snapshot);
      const hash = sha256Hex(text);
      hashes.push(hash);
      if (!prov) unproven++;
      insert.run({ findingId, queryId, evidenceId: prov?.evidenceId ?? null, ordinal: prov?.ordinal ?? null, evidenceSha256: prov ? evidenceSha.get(prov.evidenceId) ?? null : null,
        snapshot: text, snapshotSha256: hash, eventTime: eventTime(snapshot), now });
    }
    // The audit entry binds the rows' content: a digest over every snapshot hash, in order.
    this.store.audit('finding.rows_added', { id: findingId, queryRef: queryId, sql: picked.sql, params: picked.params, rows: picked.rows.length,
      withoutProvenance: unproven, rowsDigest: sha256Hex(hashes.join('\n')) });
  }
}

function checkFields(f: FindingFields): { title: string; severity: Severity; description: string; attack: string | null } {
  const title = f.title.trim();
  if (!title || title.length > 500) throw new CairnError('BAD_REQUEST', 'a finding needs a title of 1-500 characters');
  const severity = f.severity ?? 'medium';
  if (!SEVERITIES.includes(severity)) throw new CairnError('BAD_REQUEST', `severity must be one of ${SEVERITIES.join(', ')}`);
  const attack = f.attack?.trim() ? f.attack.trim().toUpperCase() : null;
  if (attack && !ATTACK_ID.test(attack)) throw new CairnError('BAD_REQUEST', 'an ATT&CK technique looks like T1078 or T1562.008');
  const description = f.description ?? '';
  if (description.length > 1024 * 1024) throw new CairnError('BAD_REQUEST', 'a description is at most 1 MiB');
  return { title, severity, description, attack };
}
