import type { Finding, FindingRow } from '../../../shared/findings';
import type { ReportModel } from '../../../shared/report';
import { formatShown } from '../../../shared/evidence-manifest';
import { escapeHtml as e } from './escape';
import { markdownToHtml } from './analyst-markdown';
import { REPORT_CSS } from './report-css';
import { LIMITS, reportDocument, type Block, type Cell, type Span } from './report-document';
import { attestationHtml } from './attestation-section';
import { clipText, valueText } from './visible-text';

export { LIMITS };
export const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** One self-contained HTML file: no scripts, no external anything (CSP default-src 'none'), printable. */
export function renderHtml(m: ReportModel): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${e(`Cairn case report: ${m.case.name}`)}</title>
<style>${REPORT_CSS}</style></head>
<body>
${reportDocument(m).map((b) => block(b, m)).join('\n')}
</body></html>
`;
}

function span(s: Span): string {
  if (typeof s === 'string') return e(s);
  if ('mono' in s) return `<span class="mono">${e(s.mono)}</span>`;
  if ('bad' in s) return `<span class="bad">${e(s.bad)}</span>`;
  return `<strong>${e(s.strong)}</strong>`;
}

const spans = (xs: Span[]): string => xs.map(span).join('');
const cell = (c: Cell): string => (typeof c === 'number' ? String(c) : Array.isArray(c) ? spans(c) : span(c));

function block(b: Block, m: ReportModel): string {
  switch (b.t) {
    case 'h1': case 'h2': case 'h3': return `<${b.t}${b.id ? ` id="${e(b.id)}"` : ''}>${e(b.text)}</${b.t}>`;
    case 'p': return `<p${b.dim ? ' class="dim"' : ''}>${spans(b.spans)}</p>`;
    case 'alert': return `<div class="alert"><strong>${e(b.title)}</strong>${b.items?.length ? `<ul>${b.items.map((i) => `<li>${spans(i)}</li>`).join('')}</ul>` : ''}</div>`;
    case 'ok': return `<div class="ok">${e(b.title)}</div>`;
    case 'list': return `<ul>${b.items.map((i) => `<li>${spans(i)}</li>`).join('')}</ul>`;
    case 'table': {
      const num = new Set(b.numeric ?? []);
      const cls = b.kind === 'meta' ? ' class="meta"' : '';
      const head = b.kind === 'meta' ? '' : `<tr>${b.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr>`;
      return `<table${cls}>${head}${b.rows.map((r) => `<tr>${r.map((c, k) => `<td${b.kind !== 'meta' && (num.has(k) || typeof c === 'number') ? ' class="n"' : ''}>${cell(c)}</td>`).join('')}</tr>`).join('\n')}</table>`;
    }
    case 'markdown': return markdownToHtml(b.src);
    case 'note': return `<div class="note"><div class="dim">${e(b.label)}</div>${markdownToHtml(b.body)}</div>`;
    case 'finding': return finding(b.finding);
    case 'appendix': return manifest(m);
    case 'slot': return attestationHtml(m.attestation);
  }
}

/**
 * The per-file manifest: a fixed table layout on landscape pages, each file's path on one line and its SHA-256
 * on the next in monospace, unbroken, so a 64-character hash never wraps into a column of fragments.
 */
function manifest(m: ReportModel): string {
  const check = new Map(m.evidenceChecks.map((c) => [c.evidenceId, c]));
  const rows = m.evidence.map((f) => {
    const c = check.get(f.id);
    const rehash = c ? (c.status === 'verified' ? 'verified' : `<span class="bad">${c.status.toUpperCase()}</span>`) : 'not checked';
    return `<tr><td class="n">${f.id}</td><td><div class="path">${e(f.relPath)}</div><div class="hash">${e(f.sha256)}</div></td><td>${e(formatShown(f))}</td><td>${e(f.status.replace(/_/g, ' '))}</td>`
      + `<td class="n">${f.size}</td><td class="n">${f.recordsRead}</td><td class="n">${f.rejected}</td><td>${rehash}</td></tr>`;
  });
  return `<section class="appendix"><table class="manifest"><colgroup><col class="c-id"><col class="c-file"><col class="c-format"><col class="c-status"><col class="c-num"><col class="c-num"><col class="c-num"><col class="c-check"></colgroup>
<thead><tr><th>#</th><th>File / SHA-256</th><th>Format</th><th>Status</th><th>Bytes</th><th>Records</th><th>Rejected</th><th>Re-hash</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

function finding(f: Finding): string {
  const tags = f.tags.map((t) => `<span class="tag" style="border-left-color:${/^#[0-9a-f]{6}$/i.test(t.colour) ? t.colour : '#888'}">${e(t.name)}</span>`).join('');
  const queries = f.queries.map((q) => `<h4>Query ${q.id} <span class="dim">(${e(q.at)})</span></h4><pre><code>${e(q.sql.replace(/\r\n?/g, '\n'))}</code></pre>${
    Object.keys(q.params).length ? `<table><tr><th>Parameter</th><th>Value</th></tr>${Object.entries(q.params).map(([k, v]) => `<tr><td class="mono">$${e(k)}</td><td class="v mono">${e(v)}</td></tr>`).join('')}</table>` : ''}`).join('\n');
  const shown = f.rows.slice(0, LIMITS.rowsPerFinding);
  return `<section class="finding" id="finding-${f.id}">
<h3>Finding ${f.id}: ${e(f.title)} <span class="sev sev-${e(f.severity)}">${e(f.severity)}</span></h3>
<p>${tags}${f.attack ? ` ATT&amp;CK <span class="mono">${e(f.attack)}</span>` : ''} <span class="dim">created ${e(f.createdAt)}, updated ${e(f.updatedAt)}</span></p>
${f.description ? markdownToHtml(f.description) : ''}
${f.notes.map((n) => `<div class="note"><div class="dim">Note ${n.id}, ${e(n.updatedAt)}</div>${markdownToHtml(n.body)}</div>`).join('\n')}
${queries}
<h4>Rows (${f.rowCount})</h4>
${f.rowsWithoutProvenance ? `<div class="alert">${f.rowsWithoutProvenance} row(s) carry no provenance: their query did not select <code>_evidence_id</code> and <code>_ordinal</code>, so they cannot be traced to an evidence record. Their snapshots are still hashed.</div>` : ''}
${shown.map(row).join('\n')}
${f.rows.length > shown.length ? `<p class="dim">${f.rows.length - shown.length} more row(s) are in the JSON report.</p>` : ''}
</section>`;
}

function row(r: FindingRow): string {
  const p = r.provenance;
  const where = p ? `evidence #${p.evidenceId} <span class="mono">${e(p.relPath ?? '?')}</span>, record ${p.ordinal}, file SHA-256 <span class="mono">${e(p.evidenceSha256 ?? 'not in manifest')}</span>`
    : '<span class="bad">no provenance</span>';
  const cells = r.snapshot.columns.map((c, k) => {
    const { text, clipped } = clipText(valueText(r.snapshot.values[k]), LIMITS.valueChars);
    return `<tr><td class="mono">${e(c.name)}</td><td class="dim mono">${e(c.type.length > 40 ? c.type.slice(0, 39) + '…' : c.type)}</td><td class="v">${e(text)}${clipped ? ' <span class="dim">[… clipped; full value in the JSON report]</span>' : ''}</td></tr>`;
  });
  return `<div class="row"><p><strong>Row ${r.id}</strong>: ${where}${r.eventTime ? `, event time ${e(r.eventTime)}` : ''}<br>snapshot SHA-256 <span class="mono">${e(r.snapshotSha256)}</span></p>
<table><tr><th>Column</th><th>Type</th><th>Value</th></tr>${cells.join('')}</table></div>`;
}

