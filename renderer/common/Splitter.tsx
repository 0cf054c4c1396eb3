// A draggable divider between panes; arrow keys move it too (keyboard-first).
import { useRef } from 'react';

export function Splitter(props: { direction: 'vertical' | 'horizontal'; label: string; onDrag(dx: number, dy: number, el: HTMLElement): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const onPointerDown = (e: React.PointerEvent) => {
    const el = ref.current;
    if (!el) return;
    e.preventDefault();
    el.setPointerCapture(e.pointerId);
    let x = e.clientX;
    let y = e.clientY;
    const move = (m: PointerEvent) => { props.onDrag(m.clientX - x, m.clientY - y, el); x = m.clientX; y = m.clientY; };
    const up = () => { el.removeEventListener('pointermove', move); el.removeEventListener('pointerup', up); };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const el = ref.current;
    if (!el) return;
    const step = e.shiftKey ? 40 : 10;
    const d: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const v = d[e.key];
    if (v) { e.preventDefault(); props.onDrag(v[0], v[1], el); }
  };
  return (
    <div ref={ref} className={`splitter splitter-${props.direction}`} role="separator" tabIndex={0} aria-label={props.label}
      aria-orientation={props.direction} onPointerDown={onPointerDown} onKeyDown={onKeyDown} />
  );
}
