// The shell: start screen until a case is open, then activity bar + side panel + editor/results + status bar.
import { useEffect } from 'react';
import { ActivityBar } from './ActivityBar';
import { ErrorBanner } from './ErrorBanner';
import { StatusBar } from './StatusBar';
import { useCases, useUi, useStores } from '../stores/context';
import { MAIN_VIEWS } from '../stores/ui-store';
import { FindingDialog } from '../findings/FindingDialog';
import { FindingsPanel } from '../findings/FindingsPanel';
import { ReportPanel } from '../report/ReportPanel';
import { TimelineView } from '../timeline/TimelineView';
import { Splitter } from '../common/Splitter';
import { EditorArea } from '../editor/EditorArea';
import { EvidenceView } from '../evidence/EvidenceView';
import { HistoryPanel } from '../history/HistoryPanel';
import { HuntPanel } from '../hunt/HuntPanel';
import { LibraryPanel } from '../library/LibraryPanel';
import { ResultsPane } from '../results/ResultsPane';
import { ResultSide } from './ResultSide';
import { SchemaPanel } from '../schema/SchemaPanel';
import { StartScreen } from '../start/StartScreen';
import { CoverageView } from '../coverage/CoverageView';

export function App() {
  const theme = useUi((s) => s.theme);
  const ready = useCases((s) => s.ready);
  const current = useCases((s) => s.current);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  useGlobalShortcuts();

  if (!ready) return <div className="app-loading" role="status">Connecting to the Cairn core…</div>;
  return (
    <div className="app">
      {current ? <Workbench /> : <StartScreen />}
      <StatusBar />
      <Toast />
      <ResultFindingDialog />
      <span className="sr-only" data-testid="app-ready">ready</span>
    </div>
  );
}

function Workbench() {
  const { ui } = useStores();
  const view = useUi((s) => s.view);
  const sidebarOpen = useUi((s) => s.sidebarOpen);
  const sidebarWidth = useUi((s) => s.sidebarWidth);
  const editorFraction = useUi((s) => s.editorFraction);
  const evidence = view === 'evidence';
  const mainView = MAIN_VIEWS.includes(view);
  return (
    <div className="workbench">
      <ActivityBar />
      {evidence && <main className="evidence-main" aria-label="Evidence"><EvidenceView /></main>}
      {view === 'timeline' && <main className="evidence-main" aria-label="Timeline and report"><TimelineView report={<ReportPanel />} /></main>}
      {view === 'coverage' && <main className="evidence-main" aria-label="Coverage"><CoverageView /></main>}
      {view === 'findings' && <main className="evidence-main" aria-label="Findings"><FindingsPanel /></main>}
      {!mainView && sidebarOpen && (
        <>
          <aside className="sidebar" style={{ width: sidebarWidth }} aria-label={`${view} panel`}>
            {view === 'schema' && <SchemaPanel />}
            {view === 'library' && <LibraryPanel />}
            {view === 'history' && <HistoryPanel />}
            {view === 'hunt' && <HuntPanel />}
          </aside>
          <Splitter direction="vertical" label="Resize side panel" onDrag={(dx) => ui.getState().set({ sidebarWidth: clamp(ui.getState().sidebarWidth + dx, 180, 700) })} />
        </>
      )}
      {/* The editor stays mounted while Evidence is shown, so tabs, undo and cursor survive. */}
      <main className="workspace" hidden={mainView} aria-label="Query workspace">
        <ErrorBanner />
        <section className="editor-pane" style={{ flexBasis: `${editorFraction * 100}%` }} aria-label="SQL editor"><EditorArea /></section>
        <Splitter direction="horizontal" label="Resize editor and results" onDrag={(_dx, dy, el) => {
          const h = el.parentElement?.clientHeight ?? 1;
          ui.getState().set({ editorFraction: clamp(ui.getState().editorFraction + dy / h, 0.15, 0.85) });
        }} />
        <section className="results-pane" aria-label="Results"><ResultsPane Side={ResultSide} /></section>
      </main>
    </div>
  );
}

/** The finding dialog the results toolbar asked for (results and findings do not import each other). */
function ResultFindingDialog() {
  const { ui } = useStores();
  const mode = useUi((s) => s.findingDialog);
  return mode ? <FindingDialog mode={mode} onClose={() => ui.getState().set({ findingDialog: null })} /> : null;
}

function Toast() {
  const toast = useUi((s) => s.toast);
  if (!toast) return null;
  return <div className="toast" role="status" aria-live="polite" data-testid="toast">{toast}</div>;
}

/** Ctrl/Cmd+Shift+E/S/L/H/F/M switch views (VS Code muscle memory); Ctrl/Cmd+Shift+T toggles the theme. */
function useGlobalShortcuts() {
  const { ui, cases } = useStores();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey) return;
      if (!cases.getState().current) return;
      const map: Record<string, () => void> = {
        E: () => ui.getState().show('evidence'), S: () => ui.getState().show('schema'), L: () => ui.getState().show('library'),
        H: () => ui.getState().show('history'), F: () => ui.getState().show('findings'), U: () => ui.getState().show('hunt'),
        M: () => ui.getState().show('timeline'),
        Y: () => ui.getState().toggleTheme(),
      };
      const f = map[e.key.toUpperCase()];
      if (f) { e.preventDefault(); f(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ui, cases]);
}

function clamp(v: number, lo: number, hi: number): number { return Math.max(lo, Math.min(hi, v)); }
