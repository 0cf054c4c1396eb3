// Parameter form for a library query. Timestamps use a date-time picker read as UTC and are sent as
// ISO-8601 (2024-05-01T13:00:00Z); everything else is text with a hint of what is expected.
import type { LibraryParam } from '../../shared/api';

const HINTS: Record<LibraryParam['kind'], string> = {
  timestamp: '', text: '', principal: 'ARN or user name (substring)', ip: 'e.g. 203.0.113.7', cidr: 'e.g. 10.0.0.0/8',
  account: '12-digit account id', region: 'e.g. us-east-1',
};

export function initialParams(params: LibraryParam[]): Record<string, string> {
  return Object.fromEntries(params.map((p) => [p.name, p.default ?? '']));
}

export function missingParams(params: LibraryParam[], values: Record<string, string>): string[] {
  return params.filter((p) => p.required && !(values[p.name] ?? '').trim()).map((p) => p.label);
}

/** "2024-05-01T13:00:00Z" ⇄ the value of <input type="datetime-local"> ("2024-05-01T13:00:00"), UTC both ways. */
function toPicker(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(iso);
  return m ? `${m[1]}T${m[2]!.length === 5 ? `${m[2]}:00` : m[2]}` : '';
}
function fromPicker(v: string): string {
  if (!v) return '';
  return `${v.length === 16 ? `${v}:00` : v}Z`;
}

export function ParamForm(props: { params: LibraryParam[]; values: Record<string, string>; onChange(v: Record<string, string>): void }) {
  const set = (name: string, v: string) => props.onChange({ ...props.values, [name]: v });
  return (
    <div className="param-form" role="group" aria-label="Query parameters">
      {props.params.map((p) => {
        const id = `param-${p.name}`;
        const value = props.values[p.name] ?? '';
        return (
          <label key={p.name} className="field" htmlFor={id}>
            <span>{p.label}{p.required ? '' : <em className="muted"> (optional)</em>}</span>
            {p.kind === 'timestamp' ? (
              <span className="field-row">
                <input id={id} type="datetime-local" step={1} data-testid={`param-${p.name}`} aria-label={`${p.label} (UTC)`} value={toPicker(value)} onChange={(e) => set(p.name, fromPicker(e.target.value))} />
                <span className="muted utc">UTC</span>
              </span>
            ) : (
              <input id={id} type="text" spellCheck={false} data-testid={`param-${p.name}`} aria-label={p.label} placeholder={HINTS[p.kind]} value={value} onChange={(e) => set(p.name, e.target.value)} />
            )}
          </label>
        );
      })}
    </div>
  );
}
