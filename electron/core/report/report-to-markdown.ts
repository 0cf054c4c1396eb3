import type { Finding, FindingRow } from '../../../shared/findings';
import type { ReportModel } from '../../../shared/report';
import { formatShown } from '../../../shared/evidence-manifest';
import { mdCode, mdCodeBlock, mdText } from './escape';
import { markdownToSafeMarkdown } from './analyst-markdown';
import { LIMITS, reportDocument, type Block, type Cell, type Span } from './report-document';
import { clipText, valueText, visibleLine } from './visible-text';
import { attestationMarkdown } from './attestation-section';

const cell = (s: string): string => mdCode(s, true);
const table = (head: string[], rows: string[][]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** The report as Markdown: every value escaped or in a code span, no live links, no raw HTML. Same blocks as the HTML. */
export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  for (const b of reportDocument(m)) out.push(block(b, m), '');
  return out.join('\n');
}

/** Inline text: free text escaped, values in code spans (table cells escape '|'), status words bold. */
function span(s: Span, inTable: boolean): string {
  if (typeof s === 'string') return inTable ? mdText(s).replace(/\|/g, '\\|') : mdText(s);
  if ('mono' in s) return s.mono === '' ? '' : mdCode(s.mono, inTable);
  if ('bad' in s) return `**${mdText(s.bad)}**`;
  return `**${mdText(s.strong)}**`;
}

/**
 * An alert's title, written by the report itself (counts, states, the audit chain's verdict): its label in
 * capitals so it stands out in plain text; Markdown's emphasis, code, link and HTML characters escaped.
 */
function alertTitle(s: string): string {
  const k = s.indexOf(':');
  return visibleLine(k > 0 ? s.slice(0, k).toUpperCase() + s.slice(k) : s).replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

const spans = (xs: Span[], inTable = false): string => xs.map((x) => span(x, inTable)).join('');
const cellMd = (c: Cell): string => (typeof c === 'number' ? String(c) : Array.isArray(c) ? spans(c, true) : span(c, true));

function block(b: Block, m: ReportModel): string {
  switch (b.t) {
    case 'h1': return `# ${mdText(b.text)}`;
    case 'h2': return `## ${mdText(b.text)}`;
    case 'h3': return `### ${mdText(b.text)}`;
    case 'p': return spans(b.spans);
    case 'alert': return [`> **${alertTitle(b.title)}**`, ...(b.items?.length ? ['', ...b.items.map((i) => `- ${spans(i)}`)] : [])].join('\n');
    case 'ok': return mdText(b.title);
    case 'list': return b.items.map((i) => `- ${spans(i)}`).join('\n');
    case 'table': return table(b.head, b.rows.map((r) => r.map(cellMd)));
    case 'markdown': return markdownToSafeMarkdown(b.src);
    case 'note': return `### ${mdText(b.label)}\n\n${markdownToSafeMarkdown(b.body)}`;
    case 'finding': return finding(b.finding);
    case 'slot': return attestationMarkdown(m.attestation);
    case 'appendix': {
      const check = new Map(m.evidenceChecks.map((c) => [c.evidenceId, c.status]));
      return table(['#', 'File', 'SHA-256', 'Format', 'Status', 'Bytes', 'Records', 'Rejected', 'Re-hash'], m.evidence.map((f) => [
        String(f.id), cell(f.relPath), cell(f.sha256), cell(formatShown(f)), cell(f.status), String(f.size), String(f.recordsRead), String(f.rejected), check.get(f.id) ?? 'not checked']));
    }
  }
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
