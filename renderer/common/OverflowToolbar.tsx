// A row of actions that never leaves one out: the actions that do not fit the width go, in order from the end,
// into a "⋯" menu (same test ids), so every control stays reachable in a narrow window (#25, 1024×700).
// Actions are data: a feature adds one by adding an entry to the list it passes.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface ToolbarAction {
  /** Test id of the button, or of its menu item when it overflowed. */
  id: string;
  label: ReactNode;
  /** Menu item text when `label` is not plain text. */
  menuLabel?: string;
  title?: string;
  ariaLabel?: string;
  onClick(): void;
  disabled?: boolean;
  /** A toggle: shown pressed (aria-pressed). */
  pressed?: boolean;
  tone?: 'primary' | 'danger' | 'accent';
  /** Never moved into the menu (Run, Cancel). */
  pinned?: boolean;
}

const GAP = 6;
const MORE_WIDTH = 34;

export function OverflowToolbar({ actions, testId, label }: { actions: ToolbarAction[]; testId: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(Number.POSITIVE_INFINITY);
  const [sizes, setSizes] = useState<number[]>([]);
  const [open, setOpen] = useState(false);
  const signature = actions.map((a) => `${a.id}:${typeof a.label === 'string' ? a.label : a.menuLabel ?? ''}`).join('|');

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  useLayoutEffect(() => {
    setSizes(Array.from(measure.current?.children ?? [], (c) => (c as HTMLElement).offsetWidth));
  }, [signature]);

  const inline = fit(actions, sizes, width);
  // Never narrower than the pinned actions and the "⋯" button: a neighbour that grows (query tabs) shrinks instead.
  const minWidth = actions.reduce((n, a, k) => n + (a.pinned ? (sizes[k] ?? 0) + GAP : 0), actions.some((a) => !a.pinned) ? MORE_WIDTH : 0);
  const overflow = actions.filter((_a, k) => !inline[k]);
  useEffect(() => { if (overflow.length === 0) setOpen(false); }, [overflow.length]);

  return (
    <div ref={box} className="overflow-toolbar" data-testid={testId} role="group" aria-label={label} style={{ minWidth }}>
      <div ref={measure} className="overflow-measure" aria-hidden="true">
        {actions.map((a) => <button key={a.id} type="button" tabIndex={-1} className={buttonClass(a)}>{a.label}</button>)}
      </div>
      {actions.map((a, k) => inline[k] && (
        <button key={a.id} type="button" className={buttonClass(a)} data-testid={a.id} disabled={a.disabled} title={a.title} aria-label={a.ariaLabel}
          aria-pressed={a.pressed === undefined ? undefined : a.pressed} onClick={a.onClick}>{a.label}</button>
      ))}
      {overflow.length > 0 && <OverflowMenu actions={overflow} testId={`${testId}-more`} open={open} setOpen={setOpen} />}
    </div>
  );
}

/** Which actions stay inline: pinned ones always, the others in order while they fit beside the "⋯" button. */
export function fit(actions: Array<Pick<ToolbarAction, 'pinned'>>, sizes: number[], width: number): boolean[] {
  const all = actions.reduce((n, _a, k) => n + (sizes[k] ?? 0) + GAP, 0);
  if (sizes.length !== actions.length || all <= width) return actions.map(() => true);
  let room = width - MORE_WIDTH - actions.reduce((n, a, k) => n + (a.pinned ? (sizes[k] ?? 0) + GAP : 0), 0);
  let full = false;
  return actions.map((a, k) => {
    if (a.pinned) return true;
    const w = (sizes[k] ?? 0) + GAP;
    if (full || w > room) { full = true; return false; }
    room -= w;
    return true;
  });
}

function OverflowMenu({ actions, testId, open, setOpen }: { actions: ToolbarAction[]; testId: string; open: boolean; setOpen(o: boolean): void }) {
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ top: 0, right: 0 });
  useLayoutEffect(() => {
    if (!open || !button.current) return;
    const r = button.current.getBoundingClientRect();
    setAt({ top: r.bottom + 2, right: Math.max(4, window.innerWidth - r.right) });
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => { if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false); };
    window.addEventListener('pointerdown', away);
    return () => window.removeEventListener('pointerdown', away);
  }, [open, setOpen]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
    const k = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') { e.preventDefault(); setOpen(false); button.current?.focus(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); items[(k + 1) % items.length]?.focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); items[(k - 1 + items.length) % items.length]?.focus(); }
  };
  return (
    <>
      <button ref={button} type="button" className="btn btn-small overflow-more" data-testid={testId} aria-haspopup="menu" aria-expanded={open}
        aria-label="More actions" title="More actions" onClick={() => setOpen(!open)}>⋯</button>
      {open && (
        <div ref={menu} className="overflow-menu" role="menu" data-testid={`${testId}-menu`} style={{ top: at.top, right: at.right }} onKeyDown={onKeyDown}>
          {actions.map((a) => (
            <button key={a.id} type="button" role={a.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'} className="overflow-item" data-testid={a.id} disabled={a.disabled}
              title={a.title} aria-checked={a.pressed === undefined ? undefined : a.pressed} onClick={() => { setOpen(false); a.onClick(); }}>
              {a.menuLabel ?? a.label}{a.pressed && <span className="overflow-check" aria-hidden="true">✓</span>}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

function buttonClass(a: ToolbarAction): string {
  return `btn btn-small${a.tone ? ` btn-${a.tone}` : ''}${a.pressed ? ' pressed' : ''}`;
}
