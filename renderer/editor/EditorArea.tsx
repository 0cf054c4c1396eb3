// Query tabs, the toolbar and the Monaco editor. One Monaco model per tab (keyed by path), so each tab keeps
// its own text, undo stack and cursor.
import Editor from '@monaco-editor/react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { useEffect, useRef } from 'react';
import { useQueries, useStores, useUi } from '../stores/context';
import { setupMonaco } from '../monaco/setup';
import { setActiveEditor } from '../monaco/editor-bridge';
import { errorMarker, runTarget } from './run-target';
import { QueryTabs } from './QueryTabs';
import { TabParams } from './TabParams';
import { OverflowToolbar, type ToolbarAction } from '../common/OverflowToolbar';

const monaco = setupMonaco();

export function EditorArea() {
  const { queries } = useStores();
  const theme = useUi((s) => s.theme);
  const tab = useQueries((s) => s.tabs.find((t) => t.id === s.activeId)!);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const tabIdRef = useRef(tab.id);
  tabIdRef.current = tab.id;

  const run = (whole = false) => {
    const e = editorRef.current;
    if (!e) return;
    const target = runTarget(e, whole);
    const t = queries.getState().tabs.find((x) => x.id === tabIdRef.current);
    if (!target || !t) return;
    void queries.getState().run(t.id, { sql: target.sql, base: target.base, params: Object.keys(t.params).length ? t.params : undefined });
  };
  const runRef = useRef(run);
  runRef.current = run;

  // Engine errors with a position become a squiggle at that spot.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const err = tab.error;
    const markers = err?.position !== undefined && tab.errorBase !== null ? [errorMarker(monaco, model, tab.errorBase, err.position, `${err.code}: ${err.message}`)] : [];
    monaco.editor.setModelMarkers(model, 'cairn', markers);
  }, [tab.error, tab.errorBase, tab.id]);

  const onMount = (e: Monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = e;
    setActiveEditor(e);
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current(false));
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => runRef.current(true));
    e.focus();
  };

  const toolbar: ToolbarAction[] = [
    tab.running
      ? { id: 'cancel-query', label: '■ Cancel', tone: 'danger', pinned: true, ariaLabel: 'Cancel running query', onClick: () => void queries.getState().cancel(tab.id) }
      : { id: 'run-query', label: '▶ Run', tone: 'primary', pinned: true, ariaLabel: 'Run statement under cursor or selection (Ctrl+Enter)',
        title: 'Run statement under cursor or selection (Ctrl/Cmd+Enter); whole editor: Ctrl/Cmd+Shift+Enter. In the editor, Ctrl+M makes Tab move the focus out', onClick: () => run(false) },
    { id: 'format-sql', label: 'Format', ariaLabel: 'Format SQL (Shift+Alt+F)', title: 'Format SQL (Shift+Alt+F)', onClick: () => void editorRef.current?.getAction('editor.action.formatDocument')?.run() },
  ];
  return (
    <div className="editor-area" data-testid="editor-area">
      <div className="editor-toolbar" role="toolbar" aria-label="Query">
        <QueryTabs />
        <OverflowToolbar actions={toolbar} testId="editor-actions" label="Query actions" />
      </div>
      <TabParams tab={tab} />
      <div className="editor-host" data-testid="editor">
        <Editor
          path={`${tab.id}.sql`}
          defaultLanguage="sql"
          defaultValue={tab.sql}
          theme={theme === 'dark' ? 'cairn-dark' : 'cairn-light'}
          onChange={(v) => queries.getState().setSql(tabIdRef.current, v ?? '')}
          onMount={onMount}
          loading={<div className="muted pad">Loading editor…</div>}
          options={{
            minimap: { enabled: false }, fontSize: 13, lineHeight: 19, fontFamily: 'var(--mono)', scrollBeyondLastLine: false,
            automaticLayout: true, tabSize: 2, renderLineHighlight: 'line', wordBasedSuggestions: 'off', fixedOverflowWidgets: true,
            quickSuggestions: { other: true, comments: false, strings: false }, suggestOnTriggerCharacters: true,
            // Nothing is preselected: Enter is a newline unless the analyst picked a suggestion (arrow keys, then Enter or Tab).
            suggest: { selectionMode: 'never' },
            padding: { top: 6 }, ariaLabel: 'SQL editor. Ctrl+Enter runs the statement under the cursor. Ctrl+M: Tab moves focus out of the editor.',
          }}
        />
      </div>
    </div>
  );
}
