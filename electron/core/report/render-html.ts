import type { Finding, FindingRow } from '../../../shared/findings';
import type { ReportModel } from '../../../shared/report';
import { escapeHtml as e } from './escape';
import { markdownToHtml } from './markdown-render';
import { REPORT_CSS } from './report-css';
import { attestationHtml } from './attestation-section';
import { clipText, valueText } from './visible-text';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'";
/** Limits that keep a report printable; the JSON report always holds everything. */
export const LIMITS = { rowsPerFinding: 100, valueChars: 1000, timelineEvents: 2000, auditEntries: 500 };

/** One self-contained HTML file: no scripts, no external anything (CSP default-src 'none'), printable. */
export function renderHtml(m: ReportModel): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${e(`Cairn case report: ${m.case.name}`)}</title>
<style>${REPORT_CSS}</style></head>
<body>
${header(m)}
${integrity(m)}
${evidence(m)}
<h2>Findings (${m.findings.length})</h2>
${m.findings.length ? m.findings.map(finding).join('\n') : '<p class="dim">No findings recorded.</p>'}
${timeline(m)}
<h2>Case notes</h2>
${m.caseNotes.length ? m.caseNotes.map((n) => `<div class="note"><div class="dim">Note ${n.id}, ${e(n.updatedAt)}</div>${markdownToHtml(n.body)}</div>`).join('\n') : '<p class="dim">No case notes.</p>'}
${audit(m)}
${attestationHtml(m.attestation)}
</body></html>
`;
}

function header(m: ReportModel): string {
  const rows: Array<[string, string]> = [
    ['Case', m.case.name], ['Case id', m.case.id], ['Examiner', m.case.examiner], ['Case created (UTC)', m.case.createdAt],
    ['Report generated (UTC)', m.generatedAt], ['Tool', `${m.tool.name} ${m.tool.version}`], ['DuckDB', m.tool.duckdbVersion], ['Case folder', m.case.dir],
  ];
  return `<h1>Case report: ${e(m.case.name)}</h1>
<table class="meta">${rows.map(([k, v]) => `<tr><td>${e(k)}</td><td>${e(v)}</td></tr>`).join('')}</table>`;
}

function integrity(m: ReportModel): string {
  const problems = m.evidenceChecks.filter((c) => c.status !== 'verified');
  const parts: string[] = [];
  if (problems.length) {
    parts.push(`<div class="alert"><strong>Evidence integrity: ${problems.length} file(s) could not be verified.</strong><ul>${problems.map((c) =>
      `<li><span class="bad">${c.status.toUpperCase()}</span> #${c.evidenceId} <span class="mono">${e(c.relPath)}</span>: expected <span class="mono">${e(c.expectedSha256)}</span>${c.actualSha256 ? `, found <span class="mono">${e(c.actualSha256)}</span>` : ''}${c.error ? ` (${e(c.error)})` : ''}</li>`).join('')}</ul></div>`);
  } else {
    parts.push(`<div class="ok">Evidence integrity: all ${m.evidenceChecks.length} file(s) re-hashed at ${e(m.generatedAt)} match the manifest.</div>`);
  }
  const sealNote = m.seals.ok
    ? `<div class="ok">Evidence tables: the rows of all ${m.seals.sealedFiles} sealed file(s) (${m.seals.rowsChecked} rows) match their seals (${e(m.seals.algorithm)}).</div>`
    : `<div class="alert"><strong>Evidence tables: the rows of ${m.seals.problems.length} file(s) do not match their seals.</strong><ul>${m.seals.problems.map((p) =>
      `<li><span class="bad">${p.state.toUpperCase()}</span> #${p.evidenceId} <span class="mono">${e(p.relPath ?? '')}</span>: ${e(p.tables.map((t) => `${t.table}: ${t.detail}`).join('; '))}</li>`).join('')}</ul></div>`;
  parts.push(sealNote);
  if (!m.audit.chainOk) parts.push(`<div class="alert"><strong>Audit log chain is BROKEN at entry ${m.audit.brokenAt}: ${e(m.audit.reason ?? '')}</strong></div>`);
  return parts.join('\n');
}

function evidence(m: ReportModel): string {
  const check = new Map(m.evidenceChecks.map((c) => [c.evidenceId, c]));
  const rows = m.evidence.map((f) => {
    const c = check.get(f.id);
    const status = c ? (c.status === 'verified' ? 'verified' : `<span class="bad">${c.status.toUpperCase()}</span>`) : 'not checked';
    return `<tr><td class="n">${f.id}</td><td class="v">${e(f.relPath)}</td><td>${e(f.format ?? '')}</td><td>${e(f.status.replace(/_/g, ' '))}${f.reason ? `<br><span class="dim">${e(f.reason)}</span>` : ''}</td><td class="n">${f.size}</td><td class="n">${f.recordsRead}</td><td class="n">${f.imported}</td><td class="n">${f.rejected}</td><td class="mono">${e(f.sha256)}</td><td>${status}</td></tr>`;
  });
  return `<h2>Evidence manifest (${m.evidence.length} files)</h2>
<table><tr><th>#</th><th>File</th><th>Format</th><th>Status</th><th>Bytes</th><th>Records</th><th>Imported</th><th>Rejected</th><th>SHA-256</th><th>Re-hash</th></tr>
${rows.join('\n')}</table>`;
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

function timeline(m: ReportModel): string {
  const shown = m.timeline.slice(0, LIMITS.timelineEvents);
  return `<h2>Timeline (${m.timeline.length} events)</h2>
${shown.length ? `<table><tr><th>Time (UTC)</th><th>Source</th><th>Principal</th><th>Action</th><th>Source IP</th><th>Summary</th><th>Finding</th></tr>
${shown.map((t) => `<tr><td class="mono">${e(t.time ?? 'undated')}</td><td>${e(t.source)}</td><td class="v">${e(t.principal ?? '')}</td><td>${e(t.action ?? '')}</td><td class="mono">${e(t.sourceIp ?? '')}</td><td class="v">${e(t.summary)}</td><td>#${t.findingId}</td></tr>`).join('\n')}</table>` : '<p class="dim">No finding rows.</p>'}
${m.timeline.length > shown.length ? `<p class="dim">${m.timeline.length - shown.length} more event(s) are in the JSON report.</p>` : ''}`;
}

function audit(m: ReportModel): string {
  const a = m.audit;
  const entries = a.findingEntries.slice(-LIMITS.auditEntries);
  return `<h2>Audit log</h2>
<table class="meta"><tr><td>Entries</td><td>${a.entries}</td></tr><tr><td>Chain</td><td>${a.chainOk ? 'verified' : `<span class="bad">BROKEN at entry ${a.brokenAt}: ${e(a.reason ?? '')}</span>`}</td></tr>
<tr><td>Chain head (SHA-256)</td><td class="mono">${e(a.head ?? '-')}</td></tr><tr><td>First / last entry (UTC)</td><td>${e(a.firstAt ?? '-')} / ${e(a.lastAt ?? '-')}</td></tr></table>
<table><tr><th>Action</th><th>Entries</th></tr>${Object.entries(a.byAction).sort().map(([k, n]) => `<tr><td class="mono">${e(k)}</td><td>${n}</td></tr>`).join('')}</table>
<h3>Changes to findings, tags and notes</h3>
${entries.length ? `<table><tr><th>#</th><th>At (UTC)</th><th>Action</th><th>Detail</th></tr>${entries.map((x) => {
    const { text, clipped } = clipText(JSON.stringify(x.detail), 600);
    return `<tr><td>${x.seq}</td><td class="mono">${e(x.at)}</td><td class="mono">${e(x.action)}</td><td class="v mono">${e(text)}${clipped ? '…' : ''}</td></tr>`;
  }).join('\n')}</table>` : '<p class="dim">None.</p>'}`;
}
