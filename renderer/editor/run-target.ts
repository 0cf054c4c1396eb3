// What Ctrl/Cmd+Enter runs: the selection if there is one, else the statement under the cursor.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { statementAt } from '../../shared/sql/split-statements';

export function runTarget(editor: Monaco.editor.ICodeEditor, whole = false): { sql: string; base: number } | null {
  const model = editor.getModel();
  if (!model) return null;
  const text = model.getValue();
  if (whole) return { sql: text, base: 0 };
  const sel = editor.getSelection();
  if (sel && !sel.isEmpty()) {
    const sql = model.getValueInRange(sel);
    if (sql.trim() !== '') return { sql, base: model.getOffsetAt(sel.getStartPosition()) };
  }
  const pos = editor.getPosition();
  const span = statementAt(text, pos ? model.getOffsetAt(pos) : 0);
  return span ? { sql: span.text, base: span.start } : { sql: text, base: 0 };
}

/** A marker at the engine's 1-based position inside the statement that was run (offset `base` in the model). */
export function errorMarker(monaco: typeof Monaco, model: Monaco.editor.ITextModel, base: number, position: number, message: string): Monaco.editor.IMarkerData {
  const offset = Math.min(model.getValueLength(), Math.max(0, base + position - 1));
  const start = model.getPositionAt(offset);
  const word = model.getWordAtPosition(start);
  const endColumn = word && word.startColumn <= start.column ? word.endColumn : start.column + 1;
  return { severity: monaco.MarkerSeverity.Error, message, startLineNumber: start.lineNumber, startColumn: word?.startColumn ?? start.column, endLineNumber: start.lineNumber, endColumn };
}
