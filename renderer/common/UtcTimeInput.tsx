// A time typed as ISO-8601 UTC text ("2026-11-27 05:02:13Z"), validated as the analyst types, with "end" and
// "−24h" helpers counted from `anchor` (the evidence's end, given by the caller) rather than the wall clock. Replaces <input type="datetime-local">, which shows the browser's local 12-hour format next
// to a "UTC" label — ambiguous exactly where a forensic time window must not be.
import { formatUtc, parseUtc } from './utc-time';

export interface TimeAnchor { ms: number; label: string }

export function UtcTimeInput(props: { id: string; label: string; value: string; onChange(v: string): void; testId: string; anchor?: TimeAnchor | null }) {
  const parsed = props.value.trim() === '' ? null : parseUtc(props.value);
  const bad = parsed && !parsed.ok ? parsed.reason : null;
  const anchor = props.anchor === undefined ? { ms: Date.now(), label: 'now' } : props.anchor;
  const shift = (hours: number) => { if (anchor) props.onChange(formatUtc(anchor.ms - hours * 3_600_000)); };
  const why = anchor ? `${anchor.label}: ${formatUtc(anchor.ms)}` : 'the case holds no dated event yet';
  return (
    <span className="utc-time">
      <span className="field-row">
        <input id={props.id} type="text" spellCheck={false} autoComplete="off" className={bad ? 'invalid' : undefined}
          data-testid={props.testId} aria-label={`${props.label} (UTC, YYYY-MM-DD HH:MM:SS)`} aria-invalid={bad ? true : undefined}
          aria-describedby={bad ? `${props.id}-error` : undefined} placeholder="YYYY-MM-DD HH:MM:SSZ" value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onBlur={() => { if (parsed?.ok) props.onChange(formatUtc(parsed.ms)); }} />
        <span className="muted utc" title="Coordinated Universal Time">UTC</span>
      </span>
      <span className="utc-helpers">
        <button type="button" className="link-button" data-testid={`${props.testId}-now`} aria-label={`${props.label}: ${anchor?.label ?? 'end'}`} title={why} disabled={!anchor} onClick={() => shift(0)}>{anchor?.label ?? 'end'}</button>
        <button type="button" className="link-button" data-testid={`${props.testId}-24h`} aria-label={`${props.label}: 24 hours before ${anchor?.label ?? 'the end'}`} title={why} disabled={!anchor} onClick={() => shift(24)}>−24h</button>
        {bad && <span className="field-error" id={`${props.id}-error`} role="alert" data-testid={`${props.testId}-error`}>{bad}</span>}
      </span>
    </span>
  );
}
