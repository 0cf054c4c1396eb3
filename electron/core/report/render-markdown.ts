import type { Finding, FindingRow } from '../../../shared/findings';
import type { ReportModel } from '../../../shared/report';
import { mdCode, mdCodeBlock, mdText } from './escape';
import { markdownToSafeMarkdown } from './markdown-render';
import { LIMITS } from './render-html';
import { attestationMarkdown } from './attestation-section';
import { clipText, valueText } from './visible-text';

const cell = (s: string): string => mdCode(s, true);
const table = (head: string[], rows: string[][]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** The report as Markdown: every value escaped or in a code span, no live links, no raw HTML. */
export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  out.push(`# Case report: ${mdText(m.case.name)}`, '');
  out.push(table(['Field', 'Value'], [
    ['Case', cell(m.case.name)], ['Case id', cell(m.case.id)], ['Examiner', cell(m.case.examiner)], ['Case created (UTC)', cell(m.case.createdAt)],
    ['Report generated (UTC)', cell(m.generatedAt)], ['Tool', cell(`${m.tool.name} ${m.tool.version}`)], ['DuckDB', cell(m.tool.duckdbVersion)], ['Case folder', cell(m.case.dir)],
  ]), '');
  const problems = m.evidenceChecks.filter((c) => c.status !== 'verified');
  if (problems.length) {
    out.push(`> **EVIDENCE INTEGRITY: ${problems.length} file(s) could not be verified.**`, '');
    for (const c of problems) out.push(`- **${c.status.toUpperCase()}** #${c.evidenceId} ${mdCode(c.relPath)}: expected ${mdCode(c.expectedSha256)}${c.actualSha256 ? `, found ${mdCode(c.actualSha256)}` : ''}${c.error ? ` (${mdText(c.error)})` : ''}`);
    out.push('');
  } else {
    out.push(`Evidence integrity: all ${m.evidenceChecks.length} file(s) re-hashed at ${mdCode(m.generatedAt)} match the manifest.`, '');
  }
  if (m.seals.ok) out.push(`Evidence tables: the rows of all ${m.seals.sealedFiles} sealed file(s) (${m.seals.rowsChecked} rows) match their seals (${mdCode(m.seals.algorithm)}).`, '');
  else {
    out.push(`> **EVIDENCE TABLES: the rows of ${m.seals.problems.length} file(s) do not match their seals.**`, '');
    for (const p of m.seals.problems) out.push(`- **${p.state.toUpperCase()}** #${p.evidenceId} ${mdCode(p.relPath ?? '')}: ${mdText(p.tables.map((t) => `${t.table}: ${t.detail}`).join('; '))}`);
    out.push('');
  }
  if (!m.audit.chainOk) out.push(`> **AUDIT LOG CHAIN BROKEN at entry ${m.audit.brokenAt}: ${mdText(m.audit.reason ?? '')}**`, '');

  const check = new Map(m.evidenceChecks.map((c) => [c.evidenceId, c.status]));
  out.push(`## Evidence manifest (${m.evidence.length} files)`, '');
  out.push(table(['#', 'File', 'Format', 'Status', 'Bytes', 'Records', 'Imported', 'Rejected', 'SHA-256', 'Re-hash'], m.evidence.map((f) => [
    String(f.id), cell(f.relPath), cell(f.format ?? ''), cell(f.status), String(f.size), String(f.recordsRead), String(f.imported), String(f.rejected), cell(f.sha256), check.get(f.id) ?? 'not checked',
  ])), '');

  out.push(`## Findings (${m.findings.length})`, '');
  for (const f of m.findings) out.push(finding(f), '');
  if (!m.findings.length) out.push('No findings recorded.', '');

  const events = m.timeline.slice(0, LIMITS.timelineEvents);
  out.push(`## Timeline (${m.timeline.length} events)`, '');
  out.push(table(['Time (UTC)', 'Source', 'Principal', 'Action', 'Source IP', 'Summary', 'Finding'], events.map((t) => [
    cell(t.time ?? 'undated'), cell(t.source), cell(t.principal ?? ''), cell(t.action ?? ''), cell(t.sourceIp ?? ''), cell(t.summary), `#${t.findingId}`,
  ])), '');
  if (m.timeline.length > events.length) out.push(`${m.timeline.length - events.length} more event(s) are in the JSON report.`, '');

  out.push('## Case notes', '');
  for (const n of m.caseNotes) out.push(`### Note ${n.id} (${mdText(n.updatedAt)})`, '', markdownToSafeMarkdown(n.body), '');
  if (!m.caseNotes.length) out.push('No case notes.', '');

  const a = m.audit;
  out.push('## Audit log', '');
  out.push(table(['Field', 'Value'], [['Entries', String(a.entries)], ['Chain', a.chainOk ? 'verified' : `BROKEN at entry ${a.brokenAt}: ${mdText(a.reason ?? '')}`],
    ['Chain head (SHA-256)', cell(a.head ?? '-')], ['First entry (UTC)', cell(a.firstAt ?? '-')], ['Last entry (UTC)', cell(a.lastAt ?? '-')]]), '');
  out.push(table(['Action', 'Entries'], Object.entries(a.byAction).sort().map(([k, n]) => [cell(k), String(n)])), '');
  out.push('### Changes to findings, tags and notes', '');
  out.push(table(['#', 'At (UTC)', 'Action', 'Detail'], a.findingEntries.slice(-LIMITS.auditEntries).map((x) => [String(x.seq), cell(x.at), cell(x.action), cell(clipText(JSON.stringify(x.detail), 600).text)])), '');
  out.push(attestationMarkdown(m.attestation));
  return out.join('\n');
}

function finding(f: Finding): string {
  const out: string[] = [];
  out.push(`### Finding ${f.id}: ${mdText(f.title)} (${f.severity.toUpperCase()})`, '');
  if (f.tags.length) out.push(`Tags: ${f.tags.map((t) => mdCode(t.name)).join(', ')}`, '');
  if (f.attack) out.push(`ATT&CK technique: ${mdCode(f.attack)}`, '');
  out.push(`Created ${mdCode(f.createdAt)}, updated ${mdCode(f.updatedAt)}`, '');
  if (f.description) out.push(markdownToSafeMarkdown(f.description), '');
  for (const n of f.notes) out.push(`#### Note ${n.id} (${mdText(n.updatedAt)})`, '', markdownToSafeMarkdown(n.body), '');
  for (const q of f.queries) {
    out.push(`#### Query ${q.id} (${mdText(q.at)})`, '', mdCodeBlock(q.sql, 'sql'), '');
    if (Object.keys(q.params).length) out.push(table(['Parameter', 'Value'], Object.entries(q.params).map(([k, v]) => [cell(`$${k}`), cell(v)])), '');
  }
  out.push(`#### Rows (${f.rowCount})`, '');
  if (f.rowsWithoutProvenance) out.push(`**${f.rowsWithoutProvenance} row(s) carry no provenance**: their query did not select ${mdCode('_evidence_id')} and ${mdCode('_ordinal')}, so they cannot be traced to an evidence record.`, '');
  const shown = f.rows.slice(0, LIMITS.rowsPerFinding);
  for (const r of shown) out.push(row(r), '');
  if (f.rows.length > shown.length) out.push(`${f.rows.length - shown.length} more row(s) are in the JSON report.`, '');
  return out.join('\n');
}

function row(r: FindingRow): string {
  const p = r.provenance;
  const where = p ? `evidence #${p.evidenceId} ${mdCode(p.relPath ?? '?')}, record ${p.ordinal}, file SHA-256 ${mdCode(p.evidenceSha256 ?? 'not in manifest')}` : '**no provenance**';
  const cells = r.snapshot.columns.map((c, k) => {
    const { text, clipped } = clipText(valueText(r.snapshot.values[k]), LIMITS.valueChars);
    return [cell(c.name), cell(c.type), cell(text) + (clipped ? ' (clipped; full value in the JSON report)' : '')];
  });
  return `**Row ${r.id}**: ${where}${r.eventTime ? `, event time ${mdCode(r.eventTime)}` : ''}; snapshot SHA-256 ${mdCode(r.snapshotSha256)}\n\n${table(['Column', 'Type', 'Value'], cells)}`;
}
