// Parameter form for a library query. Timestamps are typed as ISO-8601 UTC text (shown "2024-05-01 13:00:00Z")
// and sent as ISO-8601 ("2024-05-01T13:00:00Z"); everything else is text with a hint of what is expected.
import type { LibraryParam } from '../../shared/api';
import { UtcTimeInput, type TimeAnchor } from '../common/UtcTimeInput';
export { boundParams, initialParams, invalidParams, missingParams } from './param-values';

const HINTS: Record<LibraryParam['kind'], string> = {
  timestamp: '', text: '', principal: 'ARN or user name (substring)', ip: 'e.g. 203.0.113.7', cidr: 'e.g. 10.0.0.0/8',
  account: '12-digit account id', region: 'e.g. us-east-1',
};

export function ParamForm(props: { params: LibraryParam[]; values: Record<string, string>; onChange(v: Record<string, string>): void; anchor?: TimeAnchor | null }) {
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
              <UtcTimeInput id={id} label={p.label} value={value} testId={`param-${p.name}`} onChange={(v) => set(p.name, v)} anchor={props.anchor} />
            ) : (
              <input id={id} type="text" spellCheck={false} data-testid={`param-${p.name}`} aria-label={p.label} placeholder={HINTS[p.kind]} value={value} onChange={(e) => set(p.name, e.target.value)} />
            )}
          </label>
        );
      })}
    </div>
  );
}
