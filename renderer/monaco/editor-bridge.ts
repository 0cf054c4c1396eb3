// Lets side panels act on the active Monaco editor (insert a name, focus) without prop drilling.
import type * as Monaco from 'monaco-editor/editor/editor.api';

let active: Monaco.editor.IStandaloneCodeEditor | null = null;

export function setActiveEditor(e: Monaco.editor.IStandaloneCodeEditor | null): void { active = e; }

export function insertIntoEditor(text: string): boolean {
  const e = active;
  if (!e) return false;
  const sel = e.getSelection();
  if (!sel) return false;
  e.executeEdits('cairn-insert', [{ range: sel, text, forceMoveMarkers: true }]);
  e.focus();
  return true;
}

export function focusEditor(): void { active?.focus(); }
