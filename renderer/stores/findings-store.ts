// Findings, tags and notes of the open case, over the API client: the list (filtered by tag/severity), the
// finding open in the detail, the case notes, and the calls that change them (each audited by the core).
import { createStore } from 'zustand/vanilla';
import type { Client } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';
import type { Finding, FindingSummary, FindingUpdate, NewFinding, Note, RowSelection, Severity, Tag } from '../../shared/types';
import { toErrorInfo } from './errors';

export interface FindingFilter { tag?: string; severity?: Severity }

export interface FindingsState {
  list: FindingSummary[];
  filter: FindingFilter;
  tags: Tag[];
  /** The finding shown in the detail (rows, queries, notes), or null. */
  open: Finding | null;
  caseNotes: Note[];
  loading: boolean;
  error: ErrorInfo | null;
}

export interface FindingsActions {
  refresh(): Promise<void>;
  setFilter(f: FindingFilter): Promise<void>;
  loadTags(): Promise<void>;
  /** Creates the finding; returns it (null on failure, the error in state). */
  create(f: NewFinding): Promise<Finding | null>;
  addRows(id: number, sel: RowSelection): Promise<Finding | null>;
  update(u: FindingUpdate): Promise<Finding | null>;
  remove(id: number): Promise<boolean>;
  openFinding(id: number | null): Promise<void>;
  upsertTag(name: string, colour?: string): Promise<Tag | null>;
  loadCaseNotes(): Promise<void>;
  /** Creates (no id) or edits a note; an empty body deletes it. */
  saveNote(n: { id?: number; findingId?: number; body: string }): Promise<boolean>;
  clearError(): void;
  reset(): void;
}

export type FindingsStore = ReturnType<typeof createFindingsStore>;

const EMPTY: FindingsState = { list: [], filter: {}, tags: [], open: null, caseNotes: [], loading: false, error: null };

export function createFindingsStore(client: Client) {
  return createStore<FindingsState & FindingsActions>()((set, get) => {
    async function guarded<T>(work: () => Promise<T>): Promise<T | null> {
      set({ error: null });
      try { return await work(); } catch (e) { set({ error: toErrorInfo(e) }); return null; }
    }
    /** After a change: the list, the tags (a new tag may exist) and the open finding follow. */
    async function changed(f: Finding | null): Promise<void> {
      await Promise.all([get().refresh(), get().loadTags()]);
      if (f && get().open?.id === f.id) set({ open: f });
    }
    return {
      ...EMPTY,
      async refresh() {
        set({ loading: true });
        const { tag, severity } = get().filter;
        const list = await guarded(() => client.call('finding.list', { ...(tag ? { tag } : {}), ...(severity ? { severity } : {}) }));
        set({ loading: false, ...(list ? { list } : {}) });
      },
      async setFilter(f) { set({ filter: f }); await get().refresh(); },
      async loadTags() {
        const tags = await guarded(() => client.call('tag.list', {}));
        if (tags) set({ tags });
      },
      async create(f) {
        const made = await guarded(() => client.call('finding.create', f));
        if (made) await changed(made);
        return made;
      },
      async addRows(id, sel) {
        const f = await guarded(() => client.call('finding.addRows', { ...sel, id }));
        if (f) await changed(f);
        return f;
      },
      async update(u) {
        const f = await guarded(() => client.call('finding.update', u));
        if (f) await changed(f);
        return f;
      },
      async remove(id) {
        const ok = (await guarded(async () => { await client.call('finding.delete', { id }); return true; })) ?? false;
        if (ok) {
          if (get().open?.id === id) set({ open: null });
          await get().refresh();
        }
        return ok;
      },
      async openFinding(id) {
        if (id === null) { set({ open: null }); return; }
        const f = await guarded(() => client.call('finding.get', { id }));
        if (f) set({ open: f });
      },
      async upsertTag(name, colour) {
        const t = await guarded(() => client.call('tag.upsert', { name, ...(colour ? { colour } : {}) }));
        if (t) await get().loadTags();
        return t;
      },
      async loadCaseNotes() {
        // note.list without findingId lists every note; the case's own are those with findingId null.
        const notes = await guarded(() => client.call('note.list', {}));
        if (notes) set({ caseNotes: notes.filter((n) => n.findingId === null) });
      },
      async saveNote(n) {
        const ok = (await guarded(async () => { await client.call('note.save', n); return true; })) ?? false;
        if (!ok) return false;
        if (n.findingId !== undefined) {
          const id = n.findingId;
          if (get().open?.id === id) await get().openFinding(id);
        } else await get().loadCaseNotes();
        return true;
      },
      clearError() { set({ error: null }); },
      reset() { set({ ...EMPTY }); },
    };
  });
}
