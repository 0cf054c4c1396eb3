// Monaco, bundled locally with its worker: @monaco-editor/react is pointed at this copy so it never fetches
// from a CDN. Only the editor core, its standard features and the SQL grammar are included.
import * as monaco from 'monaco-editor/editor/editor.api';
import './features';
import 'monaco-editor/languages/definitions/sql/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { loader } from '@monaco-editor/react';
import { registerSqlProviders } from './sql-providers';

declare global {
  interface Window { MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker } }
}

let done = false;

export function setupMonaco(): typeof monaco {
  if (done) return monaco;
  done = true;
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });
  monaco.editor.defineTheme('cairn-dark', {
    base: 'vs-dark', inherit: true, rules: [],
    colors: { 'editor.background': '#1b1d22', 'editorGutter.background': '#1b1d22', 'editor.lineHighlightBackground': '#23262d' },
  });
  monaco.editor.defineTheme('cairn-light', {
    base: 'vs', inherit: true, rules: [],
    colors: { 'editor.background': '#ffffff', 'editor.lineHighlightBackground': '#f3f5f8' },
  });
  registerSqlProviders(monaco);
  return monaco;
}

export type Monaco = typeof monaco;
