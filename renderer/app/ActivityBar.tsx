// The narrow left bar that switches views, VS Code style. Icons are inline SVG (no icon font to fetch).
import type { ReactNode } from 'react';
import { useCases, useStores, useUi } from './stores-context';
import { MAIN_VIEWS, type View } from './ui-store';

const ITEMS: { view: View; label: string; keys: string; icon: ReactNode }[] = [
  { view: 'evidence', label: 'Evidence', keys: 'Ctrl+Shift+E', icon: <path d="M4 4h10l6 6v10H4z M14 4v6h6" /> },
  { view: 'schema', label: 'Schema', keys: 'Ctrl+Shift+S', icon: <path d="M4 5c0-1.5 16-1.5 16 0v14c0 1.5-16 1.5-16 0z M4 5c0 1.5 16 1.5 16 0 M4 12c0 1.5 16 1.5 16 0" /> },
  { view: 'library', label: 'Query library', keys: 'Ctrl+Shift+L', icon: <path d="M5 4h4v16H5z M10 4h4v16h-4z M15 5l3.5-1 3 15.5-3.5 1z" /> },
  { view: 'history', label: 'History', keys: 'Ctrl+Shift+H', icon: <path d="M12 4a8 8 0 1 1-7.4 5 M4 4v5h5 M12 8v4l3 2" /> },
  { view: 'findings', label: 'Findings', keys: 'Ctrl+Shift+F', icon: <path d="M6 21V4 M6 4h11l-2.5 4L17 12H6" /> },
  { view: 'hunt', label: 'Hunt (Sigma rules)', keys: 'Ctrl+Shift+U', icon: <path d="M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18 M12 7a5 5 0 1 0 0 10a5 5 0 1 0 0-10 M12 11a1 1 0 1 0 0 2a1 1 0 1 0 0-2" /> },
  { view: 'timeline', label: 'Timeline & report', keys: 'Ctrl+Shift+M', icon: <path d="M4 18h16 M7 18v-5 M11 18V8 M15 18v-7 M19 18v-3" /> },
];

export function ActivityBar() {
  const { ui } = useStores();
  const view = useUi((s) => s.view);
  const open = useUi((s) => s.sidebarOpen);
  const theme = useUi((s) => s.theme);
  const importing = useCases((s) => s.runs.some((r) => !r.summary));
  return (
    <nav className="activity-bar" aria-label="Views">
      {ITEMS.map((it) => {
        const active = view === it.view && (open || MAIN_VIEWS.includes(it.view));
        return (
          <button key={it.view} type="button" className={`activity${active ? ' active' : ''}`} data-testid={`nav-${it.view}`}
            aria-label={it.label} aria-pressed={active} title={`${it.label} (${it.keys})`} onClick={() => ui.getState().show(it.view)}>
            <svg viewBox="0 0 24 24" aria-hidden="true">{it.icon}</svg>
            {it.view === 'evidence' && importing && <span className="activity-badge" aria-label="import running" />}
          </button>
        );
      })}
      <span className="activity-spacer" />
      <button type="button" className="activity" data-testid="theme-toggle" aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        title="Toggle theme (Ctrl+Shift+Y)" onClick={() => ui.getState().toggleTheme()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">{theme === 'dark' ? <path d="M12 3v2 M12 19v2 M3 12h2 M19 12h2 M5.6 5.6l1.4 1.4 M17 17l1.4 1.4 M5.6 18.4L7 17 M17 7l1.4-1.4 M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8" /> : <path d="M20 14A8 8 0 1 1 10 4a6.5 6.5 0 0 0 10 10z" />}</svg>
      </button>
    </nav>
  );
}
