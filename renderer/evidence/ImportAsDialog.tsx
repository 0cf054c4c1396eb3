// "Import as…": the analyst decides the format of a file the detector would not guess (needs a decision) or
// could not read (unsupported), like `cairn import --as FORMAT [--fields ...] PATH`. The detector's candidates
// come first with its reasons; any other format is the analyst's own decision and says so. The core still
// checks the content fits the choice; a refused choice is the file's outcome, with why.
import { useEffect, useRef, useState } from 'react';
import type { FileStatus, FormatCandidate, ImportFormats } from '../../shared/types';
import { checkFieldList, parseFieldList, unknownFields } from '../../shared/field-list';
import { suggestedFormats } from '../../shared/evidence-manifest';
import { useCases, useStores } from '../stores/context';
import { toErrorInfo } from '../stores/errors';

/** What the dialog needs of a manifest row or a run's result. */
export interface DecisionFile { path: string; relPath: string; status: FileStatus; reason: string | null; candidates?: FormatCandidate[] }

/** A file the analyst may choose a format for: one the detector left undecided, or one no format claimed. */
export const canChooseFormat = (status: FileStatus): boolean => status === 'needs_decision' || status === 'unsupported';

/** The detector's candidates with their reasons (a manifest row, an import card). */
export function DecisionCandidates({ candidates }: { candidates?: FormatCandidate[] }) {
  if (!candidates?.length) return null;
  return (
    <ul className="decision-candidates small" aria-label="Formats that could read this file" data-testid="decision-candidates">
      {candidates.map((c) => <li key={c.format} data-testid="decision-candidate" data-format={c.format}><code>{c.format}</code> <span className="muted">{c.note ?? c.label}</span></li>)}
    </ul>
  );
}

export function ImportAsDialog({ file, onClose }: { file: DecisionFile; onClose(): void }) {
  const { cases, client } = useStores();
  const importError = useCases((s) => s.importError);
  const importing = useCases((s) => s.runs.some((r) => !r.summary));
  const [formats, setFormats] = useState<ImportFormats | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const candidates = file.candidates ?? suggestedFormats(file.reason).map((format) => ({ format, label: format, note: null }));
  const [format, setFormat] = useState(candidates[0]?.format ?? '');
  const [fieldText, setFieldText] = useState('');
  const [keepUnknown, setKeepUnknown] = useState(false);
  const [started, setStarted] = useState(false);
  const [refused, setRefused] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => { first.current?.focus(); }, []);
  useEffect(() => {
    let live = true;
    client.call('import.formats', {}).then((f) => { if (live) setFormats(f); }, (e: unknown) => { if (live) setLoadError(toErrorInfo(e).message); });
    return () => { live = false; };
  }, [client]);

  const offered = new Set(candidates.map((c) => c.format));
  const others = (formats?.formats ?? []).filter((f) => !offered.has(f.format));
  const knownFields = formats?.fieldNames[format];
  const fields = knownFields ? parseFieldList(fieldText) : [];
  const fieldError = knownFields ? checkFieldList(fields) : null;
  const unknown = knownFields && !fieldError ? unknownFields(fields, knownFields) : [];
  const ownDecision = format !== '' && !offered.has(format);
  const ready = format !== '' && !fieldError && (unknown.length === 0 || keepUnknown) && !importing && !started;

  const submit = async () => {
    if (!ready) return;
    setStarted(true);
    const id = await cases.getState().startImport([file.path], { as: format, ...(knownFields ? { fields } : {}) });
    if (id !== null) onClose();
    else { setStarted(false); setRefused(true); }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <form className="modal import-as-dialog" role="dialog" aria-modal="true" aria-labelledby="import-as-title" data-testid="import-as-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id="import-as-title">Import as…</h2>
        <p className="path mono small" data-testid="import-as-file">{file.relPath}</p>
        <p className="muted small">
          {file.status === 'needs_decision'
            ? 'The detector did not decide this file’s format, so nothing of it was imported. Choose the format it is; the manifest and the report will say you chose it.'
            : 'No format claimed this file. If you know what it is, choose its format: that is your decision, not the detector’s, and the manifest and the report will say so. Cairn still refuses a format the content does not fit.'}
        </p>
        {file.reason && <p className="muted small" data-testid="import-as-reason">{file.reason}</p>}
        {loadError && <div className="query-error" role="alert"><span className="error-message">{loadError}</span></div>}
        <label className="field"><span>Format</span>
          <select ref={first} data-testid="import-as-format" aria-label="Format to import the file as" value={format} onChange={(e) => { setFormat(e.target.value); setKeepUnknown(false); }}>
            {candidates.length === 0 && <option value="">choose a format…</option>}
            {candidates.length > 0 && (
              <optgroup label="Candidates (the detector’s)">
                {candidates.map((c) => <option key={c.format} value={c.format}>{c.format} — {c.label}</option>)}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label="Other formats (your decision)">
                {others.map((f) => <option key={f.format} value={f.format}>{f.format} — {f.label}</option>)}
              </optgroup>
            )}
          </select>
        </label>
        {candidates.find((c) => c.format === format)?.note && <p className="muted small" data-testid="import-as-why">Detector: {candidates.find((c) => c.format === format)!.note}</p>}
        {ownDecision && <p className="warn small" data-testid="import-as-own-decision">Not a candidate: this format is your decision alone.</p>}
        {knownFields && (
          <label className="field"><span>Field list, comma-separated, in the order the records hold them (the real-time log configuration’s fields)</span>
            <textarea data-testid="import-as-fields" aria-label="Field list, comma-separated" rows={3} spellCheck={false} value={fieldText}
              placeholder={knownFields.slice(0, 4).join(',') + ',…'} onChange={(e) => { setFieldText(e.target.value); setKeepUnknown(false); }} />
          </label>
        )}
        {knownFields && fieldText.trim() !== '' && fieldError && <div className="query-error" role="alert" data-testid="import-as-fields-error"><span className="error-message">Field list: {fieldError}.</span></div>}
        {unknown.length > 0 && (
          <div className="query-error" role="alert" data-testid="import-as-fields-error">
            <span className="error-message">Not a field Cairn knows: {unknown.join(', ')}. Known fields: {knownFields!.join(', ')}.</span>
            <label className="small"><input type="checkbox" data-testid="import-as-keep-unknown" checked={keepUnknown} onChange={(e) => setKeepUnknown(e.target.checked)} />
              {' '}keep {unknown.length === 1 ? 'it' : 'them'} anyway (the values are kept untyped in <code>_unknown_fields</code>)</label>
          </div>
        )}
        {refused && importError && <div className="query-error" role="alert" data-testid="import-as-error"><span className="error-code">{importError.code}</span><span className="error-message">{importError.message}</span></div>}
        <p className="muted small mono">cairn import --as {format || 'FORMAT'}{knownFields ? ` --fields ${fields.join(',') || 'F1,F2,...'}` : ''} {file.relPath}</p>
        <div className="actions">
          <span className="spacer" />
          <button type="button" className="btn" data-testid="import-as-cancel" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" data-testid="import-as-submit" disabled={!ready}>Import as {format || '…'}</button>
        </div>
      </form>
    </div>
  );
}
