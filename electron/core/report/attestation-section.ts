// The report's attestation section (#26): examiner key, the signed audit-chain head, the trail's check, and
// coverage (gaps, logging turned off or reduced). One function per format, each called once by its renderer.
import type { ReportAttestation } from '../../../shared/attestation';
import { escapeHtml as e, mdCode, mdText } from './escape';

const MAX_LISTED = 500;

export function attestationHtml(a: ReportAttestation | undefined): string {
  if (!a) return '';
  const t = a.auditTrail;
  const rows: Array<[string, string]> = [
    ['Examiner key (Ed25519)', a.examinerKey ? `<span class="mono">${e(a.examinerKey.fingerprint)}</span>` : `<span class="bad">none: ${e(a.examinerKeyProblem ?? '')}</span>`],
    ['Audit trail', t.ok ? `holds: ${t.entries} entries, ${t.anchors.filter((x) => x.extended).length} recorded head(s) extended` : `<span class="bad">DOES NOT HOLD: ${e(t.problems.join('; '))}</span>`],
    ['Chain head this report records', a.auditAnchor ? `<span class="mono">${e(a.auditAnchor.head)}</span> after ${a.auditAnchor.entries} entries, signed ${e(a.auditAnchor.at)}` : 'not signed'],
  ];
  const parts = [`<h2>Attestation</h2>`];
  if (!t.ok) parts.push(`<div class="alert"><strong>Audit trail does not hold: ${e(t.problems.join('; '))}</strong></div>`);
  parts.push(`<table class="meta">${rows.map(([k, v]) => `<tr><td>${e(k)}</td><td>${v}</td></tr>`).join('')}</table>`);
  parts.push('<p class="dim">Check with <span class="mono">cairn verify --case DIR --against REPORT</span>: the case\'s log must still extend the head above; the .sig file beside the report signs its bytes and this head.</p>');
  const c = a.coverage;
  if (c) {
    parts.push(`<h3>Coverage</h3><p>${c.totals.events} events from ${c.totals.files} files in ${c.totals.streams} source/account/region stream(s); ${c.totals.gapHours} gap hour(s); logging turned off or reduced ${c.totals.windows} time(s).</p>`);
    parts.push(`<table><tr><th>Source</th><th>Account</th><th>Region</th><th>First event</th><th>Last event</th><th>Hours</th><th>Gap hours</th><th>Events</th><th>Files</th></tr>${c.streams.slice(0, MAX_LISTED).map((s) =>
      `<tr><td>${e(s.source)}</td><td class="mono">${e(s.account)}</td><td>${e(s.region)}</td><td class="mono">${e(s.first)}</td><td class="mono">${e(s.last)}</td><td class="n">${s.hours}</td><td class="n">${s.gapHours}</td><td class="n">${s.events}</td><td class="n">${s.files}</td></tr>`).join('')}</table>`);
    if (c.gaps.length) parts.push(`<h4>Gaps (${c.gaps.length})</h4><table><tr><th>Source</th><th>Account</th><th>Region</th><th>From</th><th>To</th><th>Hours</th><th>Why</th></tr>${c.gaps.slice(0, MAX_LISTED).map((g) =>
      `<tr><td>${e(g.source)}</td><td class="mono">${e(g.account)}</td><td>${e(g.region)}</td><td class="mono">${e(g.from)}</td><td class="mono">${e(g.to)}</td><td class="n">${g.hours}</td><td>${g.reason === 'digest-empty' ? `digest #${g.evidenceId} lists no log files` : 'no events'}</td></tr>`).join('')}</table>`);
    if (c.windows.length) parts.push(`<h4>Logging turned off or reduced (${c.windows.length})</h4><table><tr><th>Kind</th><th>Account</th><th>Target</th><th>From</th><th>To</th><th>By</th><th>Event</th></tr>${c.windows.slice(0, MAX_LISTED).map((w) =>
      `<tr><td class="bad">${e(w.kind)}</td><td class="mono">${e(w.account)}</td><td class="v">${e(w.target)}</td><td class="mono">${e(w.from)}</td><td class="mono">${e(w.to ?? 'not turned back on')}</td><td class="v">${e(w.start.actor)}</td><td>${e(w.start.eventName)} (evidence #${w.start.evidenceId}, record ${w.start.ordinal})</td></tr>`).join('')}</table>`);
  }
  return parts.join('\n');
}

export function attestationMarkdown(a: ReportAttestation | undefined): string {
  if (!a) return '';
  const t = a.auditTrail;
  const out: string[] = ['## Attestation', ''];
  if (!t.ok) out.push(`> **AUDIT TRAIL DOES NOT HOLD: ${mdText(t.problems.join('; '))}**`, '');
  out.push(`- Examiner key (Ed25519): ${a.examinerKey ? mdCode(a.examinerKey.fingerprint) : `none: ${mdText(a.examinerKeyProblem ?? '')}`}`);
  out.push(`- Audit trail: ${t.ok ? `holds: ${t.entries} entries` : 'DOES NOT HOLD'}`);
  out.push(`- Chain head this report records: ${a.auditAnchor ? `${mdCode(a.auditAnchor.head)} after ${a.auditAnchor.entries} entries, signed ${mdCode(a.auditAnchor.at)}` : 'not signed'}`, '');
  const c = a.coverage;
  if (c) {
    out.push('### Coverage', '', `${c.totals.events} events from ${c.totals.files} files in ${c.totals.streams} stream(s); ${c.totals.gapHours} gap hour(s); logging turned off or reduced ${c.totals.windows} time(s).`, '');
    for (const g of c.gaps.slice(0, MAX_LISTED)) out.push(`- Gap: ${mdText(g.source)} ${mdCode(g.account)} ${mdCode(g.region)} ${mdCode(g.from)} to ${mdCode(g.to)} (${g.hours} h, ${g.reason === 'digest-empty' ? `digest #${g.evidenceId} lists no log files` : 'no events'})`);
    for (const w of c.windows.slice(0, MAX_LISTED)) out.push(`- Logging ${w.kind}: ${mdCode(w.target)} in ${mdCode(w.account)} from ${mdCode(w.from)} to ${mdCode(w.to ?? 'not turned back on')} by ${mdCode(w.start.actor)} (${mdText(w.start.eventName)}, evidence #${w.start.evidenceId} record ${w.start.ordinal})`);
    out.push('');
  }
  return out.join('\n');
}
