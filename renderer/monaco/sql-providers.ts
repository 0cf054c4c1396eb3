// SQL completions and formatting for Monaco. Suggestions carry plain-text detail/documentation only (never
// Markdown or HTML): table, column and field names come from imported logs and may be hostile.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { FunctionInfo, SchemaTable } from '../../shared/api';
import { statementAt } from '../../shared/sql/split-statements';
import { suggest, type SuggestionKind } from './sql-complete';
import { formatSql } from './sql-format';

type Catalog = { tables: SchemaTable[]; functions: FunctionInfo[] };
let catalog: () => Catalog = () => ({ tables: [], functions: [] });

/** The app hands the catalog store's getter here, so completions always see the current case's schema. */
export function setCompletionCatalog(get: () => Catalog): void { catalog = get; }

export function registerSqlProviders(monaco: typeof Monaco): void {
  const K = monaco.languages.CompletionItemKind;
  const kinds: Record<SuggestionKind, Monaco.languages.CompletionItemKind> = {
    table: K.Struct, view: K.Interface, column: K.Field, field: K.Property, function: K.Function, keyword: K.Keyword,
  };
  const order: Record<SuggestionKind, string> = { column: '0', field: '0', table: '1', view: '1', function: '2', keyword: '3' };

  monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const text = model.getValue();
      const offset = model.getOffsetAt(position);
      const statement = statementAt(text, offset)?.text ?? text;
      const before = model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const { tables, functions } = catalog();
      const suggestions = suggest(before, statement, tables, functions).map((s, k) => ({
        label: { label: s.label, description: s.kind },
        kind: kinds[s.kind],
        detail: s.detail,
        documentation: s.documentation,          // a plain string: rendered as text, not Markdown
        insertText: s.insert,
        sortText: `${order[s.kind]}${String(k).padStart(5, '0')}`,
        range,
      }));
      return { suggestions };
    },
  });

  monaco.languages.registerDocumentFormattingEditProvider('sql', {
    provideDocumentFormattingEdits(model) {
      return [{ range: model.getFullModelRange(), text: formatSql(model.getValue()) }];
    },
  });
  monaco.languages.registerDocumentRangeFormattingEditProvider('sql', {
    provideDocumentRangeFormattingEdits(model, range) {
      return [{ range, text: formatSql(model.getValueInRange(range)).replace(/\n$/, '') }];
    },
  });
}
