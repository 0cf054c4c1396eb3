import type { Note } from '../../../shared/findings';
import type { CaseStore } from '../case/case-store';
import { CairnError } from '../errors';
import { CASE_NOTES, FINDING_BY_ID, INSERT_NOTE, LIST_NOTES, MARK_NOTE_DELETED, NOTE_BY_ID, UPDATE_NOTE } from './findings-sql';

const MAX_NOTE = 1024 * 1024;

interface NoteRow { id: number; finding_id: number | null; body: string; created_at: string; updated_at: string }

const toNote = (r: NoteRow): Note => ({ id: r.id, findingId: r.finding_id, body: r.body, createdAt: r.created_at, updatedAt: r.updated_at });

/** Markdown notes on the case and on findings. Every change is audited with the full text. */
export class NoteStore {
  constructor(private readonly store: CaseStore) {}

  list(findingId?: number): Note[] {
    return (this.store.statement(LIST_NOTES).all({ findingId: findingId ?? null }) as NoteRow[]).map(toNote);
  }

  caseNotes(): Note[] { return (this.store.statement(CASE_NOTES).all() as NoteRow[]).map(toNote); }

  /** New note (no id), edit (id), or delete (id with an empty body: the row is kept, flagged). */
  save(input: { id?: number; findingId?: number; body: string }): Note | null {
    if (input.body.length > MAX_NOTE) throw new CairnError('BAD_REQUEST', 'a note is at most 1 MiB');
    const now = new Date().toISOString();
    const db = this.store;
    return this.store.transaction(() => {
      if (input.id === undefined) {
        if (!input.body.trim()) throw new CairnError('BAD_REQUEST', 'a note needs some text');
        if (input.findingId !== undefined && !db.statement(FINDING_BY_ID).get(input.findingId)) throw new CairnError('NOT_FOUND', `no finding ${input.findingId}`);
        const id = Number(db.statement(INSERT_NOTE).run({ findingId: input.findingId ?? null, body: input.body, now }).lastInsertRowid);
        this.store.audit('note.created', { id, findingId: input.findingId ?? null, body: input.body });
        return toNote(db.statement(NOTE_BY_ID).get(id) as NoteRow);
      }
      const existing = db.statement(NOTE_BY_ID).get(input.id) as NoteRow | undefined;
      if (!existing) throw new CairnError('NOT_FOUND', `no note ${input.id}`);
      if (!input.body.trim()) {
        db.statement(MARK_NOTE_DELETED).run({ id: input.id, now });
        this.store.audit('note.deleted', { id: input.id, findingId: existing.finding_id, body: existing.body });
        return null;
      }
      db.statement(UPDATE_NOTE).run({ id: input.id, body: input.body, now });
      this.store.audit('note.updated', { id: input.id, findingId: existing.finding_id, body: input.body, was: existing.body });
      return toNote(db.statement(NOTE_BY_ID).get(input.id) as NoteRow);
    });
  }
}
