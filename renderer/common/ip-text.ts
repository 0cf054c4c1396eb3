// Whether a value reads as an IP address, so the workbench offers its owner (ASN, organisation, country).
import type { IpInfo } from '../../shared/types';

const V4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const V6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i;

export function looksLikeIp(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 45 && (V4.test(v) || (v.includes(':') && V6.test(v)));
}

/** `AS15169 Google LLC · US`, or what is missing. */
export function ipOwnerText(info: IpInfo): string {
  if (!info.asn && !info.country) return 'no public owner (private, reserved or unlisted)';
  return [info.asn ? `AS${info.asn}` : null, info.org, info.country ? `· ${info.country}` : null].filter(Boolean).join(' ');
}
