// Markdown notes (on the case, or on one finding): each shown rendered safely, editable as text; an empty
// save deletes (the core keeps and audits it).
import { useState } from 'react';
import type { Note } from '../../shared/types';
import { useStores } from '../stores/context';
import { SafeMarkdown } from '../common/SafeMarkdown';
import { formatUtc } from '../common/utc-time';
import { MarkdownField } from './FindingDialog';

export function NotesEditor({ notes, findingId, testId }: { notes: Note[]; findingId?: number; testId: string }) {
  const { findings } = useStores();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: number; body: string } | null>(null);
  const save = async (n: { id?: number; body: string }) => {
    const ok = await findings.getState().saveNote({ ...n, ...(findingId !== undefined ? { findingId } : {}) });
    if (ok) { setDraft(''); setEditing(null); }
  };
  return (
    <div className="notes" data-testid={testId}>
      {notes.length === 0 && <p className="muted">No notes yet.</p>}
      {notes.map((n) => (
        <article key={n.id} className="note" data-testid="note" data-note-id={n.id}>
          <header className="note-meta muted">
            <span title={`created ${formatUtc(n.createdAt)}`}>{formatUtc(n.updatedAt)}</span>
            <span className="spacer" />
            <button type="button" className="link-button" data-testid="note-edit" onClick={() => setEditing({ id: n.id, body: n.body })}>Edit</button>
          </header>
          {editing?.id === n.id ? (
            <div className="note-edit">
              <MarkdownField label="Note (Markdown; empty deletes it)" testId="note-edit-body" value={editing.body} onChange={(body) => setEditing({ id: n.id, body })} />
              <div className="actions">
                <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>Cancel</button>
                <button type="button" className="btn btn-small btn-primary" data-testid="note-edit-save" onClick={() => void save(editing)}>{editing.body.trim() ? 'Save' : 'Delete note'}</button>
              </div>
            </div>
          ) : <SafeMarkdown source={n.body} testId="note-body" />}
        </article>
      ))}
      <div className="note-new">
        <MarkdownField label={findingId === undefined ? 'New case note (Markdown)' : 'New note on this finding (Markdown)'} testId={`${testId}-new`} value={draft} onChange={setDraft} rows={3} />
        <div className="actions">
          <button type="button" className="btn btn-small btn-primary" data-testid={`${testId}-add`} disabled={!draft.trim()} onClick={() => void save({ body: draft })}>Add note</button>
        </div>
      </div>
    </div>
  );
}
