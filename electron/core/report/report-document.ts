// The report's structure, once, for every human format: HTML (and the PDF printed from it) and Markdown render
// these blocks in this order, so the formats cannot drift apart. What a reader needs comes first (case and
// examiner, executive summary, findings, timeline, notes), then the evidence summarised, the problems in full,
// the validation section, the audit log, and last the per-file manifest as an appendix.
import type { Finding } from '../../../shared/findings';
import type { IntegrityReport } from '../integrity';
import type { ReportModel, RulePack } from '../../../shared/report';
import { clipText } from './visible-text';
import { techniquesSection } from './techniques-section';

/** Limits that keep a report printable; the JSON report (and the manifest CSV) always hold everything. */
export const LIMITS = { rowsPerFinding: 100, valueChars: 1000, timelineEvents: 2000, auditEntries: 500, manifestRows: 2000, summaryRows: 1000, digestRows: 2000, alertItems: 20 };

/** Inline text: plain (escaped by the renderer), monospace, a red status word, or bold. */
export type Span = string | { mono: string } | { bad: string } | { strong: string };
export type Cell = Span | Span[] | number;

export type Block =
  | { t: 'h1' | 'h2' | 'h3'; text: string; id?: string }
  | { t: 'p'; spans: Span[]; dim?: boolean }
  | { t: 'alert' | 'ok'; title: string; items?: Span[][] }
  | { t: 'list'; items: Span[][] }
  | { t: 'table'; head: string[]; rows: Cell[][]; kind?: 'meta' | 'manifest' | 'plain'; numeric?: number[] }
  | { t: 'markdown'; src: string }
  | { t: 'note'; label: string; body: string }
  | { t: 'finding'; finding: Finding }
  | { t: 'appendix' }
  /**
   * Where a section built elsewhere is rendered, by each renderer's own function. 'attestation': the coverage
   * ledger, the examiner's signature and the anchored chain head (branch `coverage`, #26); nothing until then.
   */
  | { t: 'slot'; name: 'attestation' };

const n = (x: number): string => x.toLocaleString('en-US');
const plural = (k: number, one: string, many = `${one}s`): string => `${n(k)} ${k === 1 ? one : many}`;

export function reportDocument(m: ReportModel): Block[] {
  return [
    ...caseAndExaminer(m), ...integrityAlerts(m), ...executiveSummary(m), ...findings(m), ...techniquesSection(m), ...timeline(m), ...caseNotes(m),
    ...evidenceSummary(m), ...problems(m), ...validation(m), ...auditLog(m), ...appendix(m),
  ];
}

function caseAndExaminer(m: ReportModel): Block[] {
  const x = m.examiner;
  return [
    { t: 'h1', text: `Case report: ${m.case.name}` },
    { t: 'table', kind: 'meta', head: ['Field', 'Value'], rows: [
      ['Case', m.case.name], ['Case id', { mono: m.case.id }], ['Examiner', x.name || m.case.examiner],
      ['Qualifications', x.qualifications || 'not recorded (cairn case set --qualifications)'],
      ['Case created (UTC)', m.case.createdAt], ['Report generated (UTC)', m.generatedAt],
      ['Tool', `${m.tool.name} ${m.tool.version}, DuckDB ${m.tool.duckdbVersion}`],
      ...m.validation.rulePacks.map((r): Cell[] => ['Rule pack', rulePackCell(r)]),
      ['Case folder', { mono: m.case.dir }],
      ['Manifest CSV', m.manifestCsv.name ? [{ mono: m.manifestCsv.name }, `, ${plural(m.manifestCsv.rows, 'row')}, SHA-256 `, { mono: m.manifestCsv.sha256 }] : 'not written'],
    ] },
  ];
}

/** Integrity problems are never hidden: they open the report, briefly; every file is listed under Problems. */
function integrityAlerts(m: ReportModel): Block[] {
  const out: Block[] = [];
  const bad = m.evidenceChecks.filter((c) => c.status !== 'verified');
  const more = (total: number): Span[][] => (total > LIMITS.alertItems ? [[`… and ${n(total - LIMITS.alertItems)} more: every one is listed under Problems.`]] : []);
  if (bad.length) {
    out.push({ t: 'alert', title: `Evidence integrity: ${bad.length} file(s) could not be verified.`, items: [
      ...bad.slice(0, LIMITS.alertItems).map((c): Span[] => [{ bad: c.status.toUpperCase() }, ` #${c.evidenceId} `, { mono: c.relPath }, ': expected ', { mono: c.expectedSha256 },
        ...(c.actualSha256 ? [', found ', { mono: c.actualSha256 }] : []), ...(c.error ? [` (${c.error})`] : [])]), ...more(bad.length)] });
  } else {
    out.push({ t: 'ok', title: `Evidence integrity: all ${n(m.evidenceChecks.length)} file(s) re-hashed at ${m.generatedAt} match the manifest.` });
  }
  if (m.seals.ok) out.push({ t: 'ok', title: `Evidence tables: the rows of all ${n(m.seals.sealedFiles)} sealed file(s) (${n(m.seals.rowsChecked)} rows) match their seals (${m.seals.algorithm}).` });
  else out.push({ t: 'alert', title: `Evidence tables: the rows of ${m.seals.problems.length} file(s) do not match their seals.`, items: [
    ...m.seals.problems.slice(0, LIMITS.alertItems).map((p): Span[] => [{ bad: p.state.toUpperCase() }, ` #${p.evidenceId} `, { mono: p.relPath ?? '' }, `: ${p.tables.map((t) => `${t.table}: ${t.detail}`).join('; ')}`]),
    ...more(m.seals.problems.length)] });
  if (!m.audit.chainOk) out.push({ t: 'alert', title: `Audit log chain is BROKEN at entry ${m.audit.brokenAt}: ${m.audit.reason ?? ''}` });
  return out;
}

const rulePackCell = (r: RulePack): Cell => (r.sha256
  ? [`${r.name} (resources/${r.folder}${r.upstream ? `, ${r.upstream}` : ''}): ${r.files} files, SHA-256 `, { mono: r.sha256 }] : `${r.name}: not found`);

function executiveSummary(m: ReportModel): Block[] {
  const s = m.summary;
  const sev = Object.entries(s.findingsBySeverity).filter(([, k]) => k > 0).map(([name, k]) => `${k} ${name}`).join(', ');
  const facts: Span[][] = [
    [`${plural(m.findings.length, 'finding')}${sev ? ` (${sev})` : ''}${s.firstFindingEvent ? `, their events from ${s.firstFindingEvent} to ${s.lastFindingEvent}` : ''}.`],
    [`Evidence: ${plural(s.evidenceFiles, 'file')}, ${n(s.bytes)} bytes, ${n(s.recordsRead)} records read, ${n(s.imported)} imported, ${n(s.rejected)} rejected`
      + `${s.accounts.length ? `; ${plural(s.accounts.length, 'account')} (${s.accounts.join(', ')})` : ''}${s.regions.length ? `, ${plural(s.regions.length, 'region')}` : ''}`
      + `${s.firstDay ? `, days ${s.firstDay} to ${s.lastDay}` : ''}.`],
    [`Sources: ${s.sources.map((x) => `${x.source} (${plural(x.files, 'file')}, ${n(x.imported)} records)`).join('; ') || 'none'}.`],
    [s.problemFiles ? { bad: `${plural(s.problemFiles, 'file')} with problems` } : 'No file with problems', ' (listed under Problems); ',
      s.integrityProblems ? { bad: `${plural(s.integrityProblems, 'integrity problem')}` } : 'evidence and evidence tables verified at export', '.'],
    [`Audit log: ${plural(m.audit.entries, 'entry', 'entries')}, chain ${m.audit.chainOk ? 'verified' : 'BROKEN'}${m.audit.head ? ', head ' : ''}`, ...(m.audit.head ? [{ mono: m.audit.head }] : []), '.'],
  ];
  return [
    { t: 'h2', text: 'Executive summary', id: 'summary' },
    ...(m.examiner.summary ? [{ t: 'markdown', src: m.examiner.summary } as Block] : [{ t: 'p', dim: true, spans: ['The examiner has not written a summary (cairn case set --summary).'] } as Block]),
    { t: 'list', items: facts },
    { t: 'h3', text: 'Limitations' },
    m.examiner.limitations ? { t: 'markdown', src: m.examiner.limitations } : { t: 'p', dim: true, spans: ['No limitations recorded (cairn case set --limitations).'] },
  ];
}

function findings(m: ReportModel): Block[] {
  return [
    { t: 'h2', text: `Findings (${m.findings.length})`, id: 'findings' },
    ...(m.findings.length ? m.findings.map((f): Block => ({ t: 'finding', finding: f })) : [{ t: 'p', dim: true, spans: ['No findings recorded.'] } as Block]),
  ];
}

function timeline(m: ReportModel): Block[] {
  const shown = m.timeline.slice(0, LIMITS.timelineEvents);
  return [
    { t: 'h2', text: `Timeline (${m.timeline.length} events)`, id: 'timeline' },
    shown.length ? { t: 'table', head: ['Time (UTC)', 'Source', 'Principal', 'Action', 'Source IP', 'Summary', 'Finding'], rows: shown.map((e) => [
      { mono: e.time ?? 'undated' }, e.source, e.principal ?? '', e.action ?? '', { mono: e.sourceIp ?? '' }, e.summary, `#${e.findingId}`]) } : { t: 'p', dim: true, spans: ['No finding rows.'] },
    ...(m.timeline.length > shown.length ? [{ t: 'p', dim: true, spans: [`${m.timeline.length - shown.length} more event(s) are in the JSON report.`] } as Block] : []),
  ];
}

function caseNotes(m: ReportModel): Block[] {
  return [
    { t: 'h2', text: 'Case notes', id: 'notes' },
    ...(m.caseNotes.length ? m.caseNotes.map((x): Block => ({ t: 'note', label: `Note ${x.id}, ${x.updatedAt}`, body: x.body })) : [{ t: 'p', dim: true, spans: ['No case notes.'] } as Block]),
  ];
}

function evidenceSummary(m: ReportModel): Block[] {
  const roll = new Map<string, { source: string; account: string; region: string; files: number; bytes: number; records: number; rejected: number; problems: number; days: Set<string>; bad: number }>();
  for (const g of m.evidenceSummary) {
    const key = `${g.source}\u0000${g.account}\u0000${g.region}`;
    let r = roll.get(key);
    if (!r) roll.set(key, r = { source: g.source, account: g.account, region: g.region, files: 0, bytes: 0, records: 0, rejected: 0, problems: 0, days: new Set(), bad: 0 });
    r.files += g.files; r.bytes += g.bytes; r.records += g.records; r.rejected += g.rejected; r.problems += g.problemFiles; r.days.add(g.day);
    if (g.integrity !== 'verified') r.bad++;
  }
  const days = m.evidenceSummary.slice(0, LIMITS.summaryRows);
  const integrityCell = (s: string): Cell => (s === 'verified' ? s : { bad: s });
  return [
    { t: 'h2', text: 'Evidence', id: 'evidence' },
    ...custody(m),
    { t: 'h3', text: 'Per source, account and region' },
    { t: 'table', numeric: [3, 4, 5, 6, 7, 8], head: ['Source', 'Account', 'Region', 'Days', 'Files', 'Bytes', 'Records', 'Rejected', 'Files with problems', 'Integrity'], rows: [...roll.values()].map((r) => [
      r.source, { mono: r.account }, r.region, r.days.size, r.files, r.bytes, r.records, r.rejected, r.problems, r.bad ? { bad: `problems on ${plural(r.bad, 'day')}` } : 'verified']) },
    { t: 'h3', text: `Per day (${m.evidenceSummary.length} rows)` },
    { t: 'table', numeric: [4, 5, 6, 7, 8], head: ['Source', 'Account', 'Region', 'Day', 'Files', 'Bytes', 'Records', 'Rejected', 'Files with problems', 'Integrity'], rows: days.map((g) => [
      g.source, { mono: g.account }, g.region, { mono: g.day }, g.files, g.bytes, g.records, g.rejected, g.problemFiles, integrityCell(g.integrity)]) },
    ...(m.evidenceSummary.length > days.length ? [{ t: 'p', dim: true, spans: [`${m.evidenceSummary.length - days.length} more day row(s) are in the JSON report (evidenceSummary).`] } as Block] : []),
  ];
}

function custody(m: ReportModel): Block[] {
  return [
    { t: 'h3', text: 'Chain of custody' },
    m.custody.length ? { t: 'table', head: ['#', 'Item', 'Received from', 'When', 'How', 'Received by', 'Path (files, bytes)', 'Notes', 'Recorded (UTC)'], rows: m.custody.map((c) => [
      c.id, c.item, c.receivedFrom, c.receivedAt, c.how, c.receivedBy, c.path ? [{ mono: c.path }, ` (${n(c.files)} files, ${n(c.bytes)} bytes)`] : '-', c.notes, { mono: c.recordedAt }]) }
      : { t: 'p', dim: true, spans: ['No chain-of-custody records (cairn custody add).'] },
    ...(m.custody.length && m.filesWithoutCustody ? [{ t: 'p', spans: [{ bad: `${plural(m.filesWithoutCustody, 'evidence file')} lie under no custody record's path.` }] } as Block] : []),
  ];
}

function problems(m: ReportModel): Block[] {
  return [
    { t: 'h2', text: `Problems (${m.problems.length})`, id: 'problems' },
    { t: 'p', dim: true, spans: ['Every file that failed, had records rejected, is unsupported, needs a format decision, did not finish importing, no longer matches its manifest hash or is gone, or whose rows do not match their seal.'] },
    m.problems.length ? { t: 'table', head: ['#', 'File', 'Problem', 'Status', 'Detail'], rows: m.problems.map((p) => [
      p.evidenceId, { mono: p.relPath }, { bad: p.kind.replace(/_/g, ' ') }, p.status.replace(/_/g, ' '), clipText(p.detail, LIMITS.valueChars).text]) }
      : { t: 'p', spans: ['None.'] },
  ];
}

function validation(m: ReportModel): Block[] {
  const v = m.validation;
  const out: Block[] = [{ t: 'h2', text: 'Validation', id: 'validation' }];
  out.push({ t: 'h3', text: 'Tool and versions' }, { t: 'table', kind: 'meta', head: ['Field', 'Value'], rows: [
    ['Cairn', m.tool.version], ['DuckDB', m.tool.duckdbVersion], ...v.rulePacks.map((r): Cell[] => ['Rule pack', rulePackCell(r)]),
    ...v.referenceData.map((r): Cell[] => ['Reference data', [{ mono: `${r.name}@${r.version}` }, ` (${r.licence}) for ${r.usedFor}: ${r.loadsInCase ? `loaded ${plural(r.loadsInCase, 'time')} in this case` : 'not used in this case'}`]]),
    ['Report schema', m.schema]] });
  out.push({ t: 'h3', text: 'Evidence files re-hashed at export' }, { t: 'p', spans: [
    `${n(v.rehash.files)} file(s): ${n(v.rehash.verified)} verified, `, v.rehash.mismatch ? { bad: `${n(v.rehash.mismatch)} changed` } : '0 changed', ', ',
    v.rehash.missing ? { bad: `${n(v.rehash.missing)} missing` } : '0 missing', '.'] });
  out.push({ t: 'h3', text: 'Evidence-table seals' }, { t: 'p', spans: [m.seals.ok ? `The rows of all ${n(m.seals.sealedFiles)} sealed file(s) (${n(m.seals.rowsChecked)} rows) match their seals` : { bad: `${m.seals.problems.length} file(s) do not match their seals (listed under Problems)` },
    ` (${m.seals.algorithm}, recomputed in ${m.seals.elapsedMs} ms).`] });
  out.push(...digests(v.cloudtrailDigests as IntegrityReport | null, v.digestsNote));
  out.push({ t: 'h3', text: 'Rejected records per file' });
  out.push(v.rejects.length ? { t: 'table', numeric: [2, 4], head: ['#', 'File', 'Rejected', 'Reason', 'Count', 'First at (ordinal / line / byte)'], rows: v.rejects.flatMap((f) => f.reasons.map((r, k) => [
    k === 0 ? f.evidenceId : '', k === 0 ? { mono: f.relPath } : '', k === 0 ? f.rejected : '', clipText(r.reason, 300).text, r.count, `${r.firstOrdinal ?? '-'} / ${r.firstLine ?? '-'} / ${r.firstByteOffset ?? '-'}`])) }
    : { t: 'p', spans: ['No record was rejected.'] });
  out.push({ t: 'h3', text: 'Format decisions' });
  out.push(v.decisions.made.length ? { t: 'table', head: ['#', 'File', 'Format chosen', 'Import run', 'At (UTC)', 'Outcome'], rows: v.decisions.made.map((d) => [d.evidenceId, { mono: d.relPath }, d.format, d.runId, { mono: d.at }, d.status.replace(/_/g, ' ')]) }
    : { t: 'p', spans: ['No format was chosen by the analyst (cairn import --as).'] });
  if (v.decisions.pending.length) out.push({ t: 'p', spans: [{ bad: `${plural(v.decisions.pending.length, 'file')} still need a format decision` }, ' (listed under Problems).'] });
  out.push({ t: 'h3', text: 'Schema drift' }, { t: 'p', spans: [v.schemaDrift.note] });
  out.push(v.schemaDrift.files.length ? { t: 'table', head: ['#', 'File', 'Source', 'Fields without a column'], rows: v.schemaDrift.files.map((f) => [f.evidenceId, { mono: f.relPath }, f.source, f.fields.join(', ')]) }
    : { t: 'p', spans: ['None recorded.'] });
  out.push({ t: 'h3', text: 'Coverage and gaps' }, { t: 'p', spans: [v.coverage.note] });
  out.push({ t: 'slot', name: 'attestation' });
  out.push({ t: 'h3', text: 'Audit chain head' }, { t: 'table', kind: 'meta', head: ['Field', 'Value'], rows: [
    ['Entries', m.audit.entries], ['Chain', m.audit.chainOk ? 'verified' : { bad: `BROKEN at entry ${m.audit.brokenAt}: ${m.audit.reason ?? ''}` }], ['Head (SHA-256)', { mono: m.audit.head ?? '-' }]] });
  out.push({ t: 'h3', text: 'Signature' }, { t: 'p', spans: [v.signature.note] });
  return out;
}

function digests(r: IntegrityReport | null, note: string): Block[] {
  const out: Block[] = [{ t: 'h3', text: 'CloudTrail digests (offline validation)' }, { t: 'p', spans: [note] }];
  if (!r) return out;
  out.push({ t: 'table', numeric: [1], head: ['Result', 'Digests and log files'], rows: Object.entries(r.summary).map(([k, c]) => [k === 'valid' || c === 0 ? k : { bad: k }, c]) });
  out.push({ t: 'p', spans: [`${r.digests.length} digest(s), ${r.logFiles.length} log file(s), ${r.publicKeys.length} public key(s), ${r.signatureFiles} signature metadata file(s).`] });
  const badDigests = r.digests.filter((d) => d.status !== 'valid');
  const badLogs = r.logFiles.filter((l) => l.status !== 'valid');
  if (badDigests.length) out.push({ t: 'table', head: ['Digest', 'Account / region', 'Hour', 'Result', 'Reason'], rows: badDigests.slice(0, LIMITS.digestRows).map((d) => [
    { mono: d.relPath ?? d.s3Key }, `${d.account} ${d.region}`, { mono: d.startTime ?? '-' }, { bad: d.status }, d.reason]) });
  if (badLogs.length) out.push({ t: 'table', head: ['Log file', 'Account / region', 'Hour', 'Result', 'Reason'], rows: badLogs.slice(0, LIMITS.digestRows).map((l) => [
    { mono: l.relPath ?? l.s3Key ?? '' }, `${l.account ?? '-'} ${l.region ?? '-'}`, { mono: l.startTime ?? '-' }, { bad: l.status }, l.reason]) });
  if (badDigests.length > LIMITS.digestRows || badLogs.length > LIMITS.digestRows) out.push({ t: 'p', dim: true, spans: ['More results are in the JSON report (validation.cloudtrailDigests).'] });
  if (!badDigests.length && !badLogs.length) out.push({ t: 'p', spans: ['Every digest and log file validated.'] });
  return out;
}

function auditLog(m: ReportModel): Block[] {
  const a = m.audit;
  const entries = a.findingEntries.slice(-LIMITS.auditEntries);
  return [
    { t: 'h2', text: 'Audit log', id: 'audit' },
    { t: 'table', kind: 'meta', head: ['Field', 'Value'], rows: [['Entries', a.entries], ['Chain', a.chainOk ? 'verified' : { bad: `BROKEN at entry ${a.brokenAt}: ${a.reason ?? ''}` }],
      ['Chain head (SHA-256)', { mono: a.head ?? '-' }], ['First / last entry (UTC)', `${a.firstAt ?? '-'} / ${a.lastAt ?? '-'}`]] },
    { t: 'table', numeric: [1], head: ['Action', 'Entries'], rows: Object.entries(a.byAction).sort().map(([k, c]) => [{ mono: k }, c]) },
    { t: 'h3', text: 'Changes to findings, tags, notes, custody and examiner details' },
    entries.length ? { t: 'table', head: ['#', 'At (UTC)', 'Action', 'Detail'], rows: entries.map((x) => [x.seq, { mono: x.at }, { mono: x.action }, { mono: clipText(JSON.stringify(x.detail), 600).text }]) }
      : { t: 'p', dim: true, spans: ['None.'] },
  ];
}

function appendix(m: ReportModel): Block[] {
  const csv: Span[] = m.manifestCsv.name ? [{ mono: m.manifestCsv.name }, ' (SHA-256 ', { mono: m.manifestCsv.sha256 }, ')'] : ['the JSON report'];
  const out: Block[] = [{ t: 'h2', text: `Appendix A: evidence manifest (${n(m.evidence.length)} files)`, id: 'manifest' }];
  if (m.evidence.length <= LIMITS.manifestRows) {
    out.push({ t: 'p', dim: true, spans: ['The same rows, with every manifest field, are in ', ...csv, ' beside this report.'] }, { t: 'appendix' });
  } else {
    out.push({ t: 'p', spans: [`The case holds more than ${n(LIMITS.manifestRows)} files: the full per-file manifest (path, SHA-256, size, format, status, records, re-hash at export) is in `, ...csv,
      ', written beside this report and hashed in its sidecar. The evidence summary above totals it; every file with a problem is listed under Problems.'] });
  }
  return out;
}
