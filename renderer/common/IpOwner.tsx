// Whose network an address is, as text beside it; a spinner while the offline databases load.
import type { IpInfo } from '../../shared/types';
import { ipOwnerText } from './ip-text';

export function IpOwner({ ip, state }: { ip: string; state: IpInfo | 'loading' | 'failed' | undefined }) {
  if (state === undefined) return null;
  if (state === 'loading') return <span className="ip-owner muted" data-testid="ip-owner" data-ip={ip} data-state="loading"><span className="spinner" /> looking up…</span>;
  if (state === 'failed') return <span className="ip-owner muted" data-testid="ip-owner" data-ip={ip} data-state="failed">owner lookup failed</span>;
  return <span className="ip-owner" data-testid="ip-owner" data-ip={ip} data-state="done" title="ASN, organisation and country of registration (offline databases, decision 0021)">{ipOwnerText(state)}</span>;
}
