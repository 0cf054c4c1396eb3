// Layout and appearance: which view is open, the theme, pane sizes, the selected result row. Persisted to
// localStorage so the workbench opens the way the analyst left it.
import { createStore } from 'zustand/vanilla';
import type { FindingSummary, RowSelection as ResultRows } from '../../shared/types';
import { NO_SELECTION, type RowSelection } from './row-selection';

export type View = 'evidence' | 'schema' | 'library' | 'history' | 'findings' | 'hunt' | 'timeline' | 'coverage';
/** Views that take the whole main area (the editor stays mounted, hidden). */
export const MAIN_VIEWS: readonly View[] = ['evidence', 'timeline', 'coverage', 'findings'];
export type Theme = 'dark' | 'light';
/** What the finding dialog is open for; results ask for it here and the shell shows it (features stay apart). */
export type DialogMode = { kind: 'create'; rows: ResultRows; count: number } | { kind: 'add'; rows: ResultRows; count: number } | { kind: 'edit'; finding: FindingSummary };

export interface UiState {
  view: View;
  sidebarOpen: boolean;
  theme: Theme;
  sidebarWidth: number;
  editorFraction: number;     // share of the right side given to the editor
  detailOpen: boolean;
  selectedRow: number | null;
  /** Rows picked for a finding (click, Shift-click, Ctrl/Cmd-click); selectedRow is the focused one. */
  selection: RowSelection;
  toast: string | null;
  findingDialog: DialogMode | null;
}

export interface UiActions {
  show(view: View): void;
  toggleTheme(): void;
  set(p: Partial<UiState>): void;
  notify(message: string): void;
}

export type UiStore = ReturnType<typeof createUiStore>;

const KEY = 'cairn.ui';

export function createUiStore() {
  let saved: Partial<UiState> = {};
  try { saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<UiState>; } catch { /* defaults */ }
  const prefersLight = window.matchMedia?.('(prefers-color-scheme: light)').matches;
  let toastTimer: number | undefined;
  const store = createStore<UiState & UiActions>()((set, get) => ({
    view: 'schema',
    sidebarOpen: true,
    theme: prefersLight ? 'light' : 'dark',
    sidebarWidth: 300,
    editorFraction: 0.42,
    detailOpen: false,
    selectedRow: null,
    selection: NO_SELECTION,
    toast: null,
    findingDialog: null,
    ...pick(saved),
    show(view) {
      const s = get();
      // Clicking the open sidebar view again folds the sidebar, as in VS Code.
      if (view === s.view && !MAIN_VIEWS.includes(view)) set({ sidebarOpen: !s.sidebarOpen });
      else set({ view, sidebarOpen: true });
    },
    toggleTheme() { set({ theme: get().theme === 'dark' ? 'light' : 'dark' }); },
    set(p) { set(p); },
    notify(message) {
      set({ toast: message });
      window.clearTimeout(toastTimer);
      toastTimer = window.setTimeout(() => set({ toast: null }), 4000);
    },
  }));
  store.subscribe((s) => {
    localStorage.setItem(KEY, JSON.stringify({ theme: s.theme, sidebarWidth: s.sidebarWidth, editorFraction: s.editorFraction, view: s.view, sidebarOpen: s.sidebarOpen }));
  });
  return store;
}

function pick(s: Partial<UiState>): Partial<UiState> {
  const out: Partial<UiState> = {};
  if (s.theme === 'dark' || s.theme === 'light') out.theme = s.theme;
  if (typeof s.sidebarWidth === 'number' && s.sidebarWidth >= 180 && s.sidebarWidth <= 700) out.sidebarWidth = s.sidebarWidth;
  if (typeof s.editorFraction === 'number' && s.editorFraction >= 0.15 && s.editorFraction <= 0.85) out.editorFraction = s.editorFraction;
  if (s.view === 'schema' || s.view === 'library' || s.view === 'history' || s.view === 'evidence' || s.view === 'findings' || s.view === 'timeline') out.view = s.view;
  if (typeof s.sidebarOpen === 'boolean') out.sidebarOpen = s.sidebarOpen;
  return out;
}
