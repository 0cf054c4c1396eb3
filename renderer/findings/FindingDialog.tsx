// Make a finding from selected rows (or the whole result), add rows to an existing finding, or edit one.
// Title, severity, description (Markdown, previewed safely), tags with colours, ATT&CK technique, first note.
import { useEffect, useRef, useState } from 'react';
import { SEVERITIES, type Severity } from '../../shared/types';
import { useFindings, useStores } from '../stores/context';
import type { DialogMode } from '../stores/ui-store';
import { SafeMarkdown } from '../common/SafeMarkdown';
import { TagInput, type TagDraft } from './TagInput';

const ATTACK = /^T\d{4}(\.\d{3})?$/;


export function FindingDialog({ mode, onClose }: { mode: DialogMode; onClose(): void }) {
  const { findings, ui } = useStores();
  const known = useFindings((s) => s.tags);
  const list = useFindings((s) => s.list);
  const error = useFindings((s) => s.error);
  const editing = mode.kind === 'edit' ? mode.finding : null;
  const [title, setTitle] = useState(editing?.title ?? '');
  const [severity, setSeverity] = useState<Severity>(editing?.severity ?? 'medium');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [attack, setAttack] = useState(editing?.attack ?? '');
  const [tags, setTags] = useState<TagDraft[]>(editing?.tags.map((t) => ({ name: t.name, colour: t.colour })) ?? []);
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLSelectElement>(null);

  useEffect(() => { findings.getState().clearError(); void findings.getState().loadTags(); void findings.getState().refresh(); first.current?.focus(); }, [findings]);

  const attackBad = attack.trim() !== '' && !ATTACK.test(attack.trim());
  const canSave = !busy && !attackBad && (mode.kind === 'add' ? target !== null : title.trim() !== '');

  const save = async () => {
    if (!canSave) return;
    setBusy(true);
    try {
      if (mode.kind === 'add') {
        const f = await findings.getState().addRows(target!, mode.rows);
        if (f) { ui.getState().notify(`Added ${mode.count} row${mode.count === 1 ? '' : 's'} to “${f.title}”`); onClose(); }
        return;
      }
      // Colours first: tag.upsert creates the tag or changes its colour; create/update then refer to it by name.
      for (const t of tags) {
        const k = known.find((x) => x.name === t.name);
        if (!k || k.colour.toLowerCase() !== t.colour.toLowerCase()) await findings.getState().upsertTag(t.name, t.colour);
      }
      const fields = { title: title.trim(), severity, description, attack: attack.trim(), tags: tags.map((t) => t.name) };
      const f = mode.kind === 'create'
        ? await findings.getState().create({ ...mode.rows, ...fields, attack: fields.attack || undefined, ...(note.trim() ? { note } : {}) })
        : await findings.getState().update({ id: mode.finding.id, ...fields });
      if (f) { ui.getState().notify(mode.kind === 'create' ? `Finding “${f.title}” made from ${f.rowCount} row${f.rowCount === 1 ? '' : 's'}` : `Finding “${f.title}” saved`); onClose(); }
    } finally {
      setBusy(false);
    }
  };

  const heading = mode.kind === 'create' ? `New finding from ${mode.rows.all ? 'the whole result' : `${mode.count} row${mode.count === 1 ? '' : 's'}`}` : mode.kind === 'add' ? `Add ${mode.count} row${mode.count === 1 ? '' : 's'} to a finding` : 'Edit finding';
  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <form className="modal finding-dialog" role="dialog" aria-modal="true" aria-labelledby="finding-dialog-title" data-testid="finding-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void save(); } }}
        onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <h2 id="finding-dialog-title">{heading}</h2>
        {error && <div className="query-error" role="alert" data-testid="finding-error"><span className="error-code">{error.code}</span><span className="error-message">{error.message}</span></div>}
        {mode.kind === 'add' ? (
          <label className="field"><span>Finding</span>
            <select ref={first} data-testid="finding-target" aria-label="Finding to add the rows to" value={target ?? ''} onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : null)}>
              <option value="">Choose a finding…</option>
              {list.map((f) => <option key={f.id} value={f.id}>#{f.id} {f.title} ({f.rowCount} rows)</option>)}
            </select>
            {list.length === 0 && <span className="muted">No findings yet: make one first.</span>}
          </label>
        ) : (
          <>
            <div className="field-grid">
              <label className="field grow"><span>Title</span>
                <input ref={first} data-testid="finding-title" aria-label="Finding title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="SSM parameters read with a stolen session" />
              </label>
              <label className="field"><span>Severity</span>
                <select data-testid="finding-severity" aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
                  {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </label>
              <label className="field"><span>ATT&amp;CK technique <em className="muted">(optional)</em></span>
                <input data-testid="finding-attack" aria-label="MITRE ATT&CK technique id" className={attackBad ? 'invalid' : undefined} aria-invalid={attackBad || undefined} value={attack} onChange={(e) => setAttack(e.target.value.toUpperCase())} placeholder="T1562.008" spellCheck={false} />
                {attackBad && <span className="field-error">e.g. T1078 or T1562.008</span>}
              </label>
            </div>
            <div className="field"><span>Tags</span><TagInput value={tags} known={known} onChange={setTags} /></div>
            <MarkdownField label="Description (Markdown)" testId="finding-description" value={description} onChange={setDescription} />
            {mode.kind === 'create' && <MarkdownField label="First note (optional)" testId="finding-note" value={note} onChange={setNote} />}
          </>
        )}
        <div className="actions">
          <span className="muted">Ctrl+Enter saves · Esc cancels</span>
          <span className="spacer" />
          <button type="button" className="btn" data-testid="finding-cancel" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" data-testid="finding-save" disabled={!canSave}>{mode.kind === 'add' ? 'Add rows' : mode.kind === 'edit' ? 'Save' : 'Make finding'}</button>
        </div>
      </form>
    </div>
  );
}

export function MarkdownField(props: { label: string; testId: string; value: string; onChange(v: string): void; rows?: number }) {
  const [preview, setPreview] = useState(false);
  return (
    <div className="field md-field">
      <span className="field-row"><span>{props.label}</span><span className="spacer" />
        <button type="button" className="link-button" data-testid={`${props.testId}-preview`} aria-pressed={preview} onClick={() => setPreview(!preview)}>{preview ? 'Edit' : 'Preview'}</button></span>
      {preview ? <div className="md-preview"><SafeMarkdown source={props.value || '*(empty)*'} /></div>
        : <textarea data-testid={props.testId} aria-label={props.label} rows={props.rows ?? 4} value={props.value} onChange={(e) => props.onChange(e.target.value)} spellCheck />}
    </div>
  );
}
