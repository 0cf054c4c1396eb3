import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { UNKNOWN_KEYS_LABEL, type EvidenceFile, type SealCheck } from '../../../shared/types';
import { SEVERITIES, type Severity } from '../../../shared/findings';
import type {
  AuditSummary, CustodyInReport, CustodyRecord, EvidenceCheck, EvidenceGroup, ExecutiveSummary, FileRejects, FormatDecision, ReferenceData, ReportModel, ReportProblem, ReportValidation, RulePack,
} from '../../../shared/report';
import type { Case } from '../case/case';
import { verifyManifestDigests } from '../integrity';
import { TOOL_VERSION } from '../version';
import { checkEvidence } from './evidence-check';
import { reportAttestation } from '../examiner/attestation';
import { reportTechniques } from './techniques-section';
import { ipDatabaseInfo } from '../reference/ip-networks';

// The audit entries the report lists: about findings, tags, notes, reports, custody and examiner details.
const FINDING_ACTIONS_SQL = "(action LIKE 'finding.%' OR action LIKE 'tag.%' OR action LIKE 'note.%' OR action LIKE 'report.%' OR action LIKE 'custody.%' OR action = 'case.details')";
const MAX_LISTED_ENTRIES = 2000;
const REJECTS_SQL = readFileSync(join(__dirname, 'rejects-by-file.sql'), 'utf8');
/** The shipped resources, for the rule packs' versions (dist/electron/core/report → resources). */
export const DEFAULT_RESOURCES_DIR = join(__dirname, '..', '..', '..', '..', 'resources');

/** Where the manifest CSV went: the report names it and carries its hash. */
export interface ManifestCsvInfo { name: string; sha256: string; rows: number }

export interface ReportModelOptions {
  checks?: EvidenceCheck[];
  now?: Date;
  /** The resources folder holding the rule packs, queries/ and sigma/ (default: the shipped one). */
  resourcesDir?: string;
  manifestCsv?: ManifestCsvInfo;
}

/** Everything a report shows, gathered once. Evidence is re-hashed first unless checks are given. */
export async function buildReportModel(c: Case, opts: ReportModelOptions = {}): Promise<ReportModel> {
  const info = c.info();
  const evidence = c.manifest.evidence();
  // DuckDB recomputes the seals on its own threads while this thread re-hashes the files and walks the audit
  // chain: the two were the largest parts of a 100k-file case's export, one after the other (decision 0040).
  const sealsRun = c.verifySeals(evidence);
  sealsRun.catch(() => undefined); // awaited below; this only keeps an early throw here from leaving it unhandled
  const evidenceChecks = opts.checks ?? await checkEvidence(evidence);
  const audit = auditSummary(c);
  const findings = c.findings.list().map((f) => c.findings.get(f.id));
  const seals = await sealsRun;
  const timeline = c.findings.timeline();
  const problems = listProblems(evidence, evidenceChecks, seals);
  const custody = c.examiner.custody();
  const custodyFiles = custodyCounts(custody, evidence);
  const attestation = await reportAttestation(c);
  return {
    schema: 'cairn-report/2',
    generatedAt: (opts.now ?? new Date()).toISOString(),
    case: { id: info.id, name: info.name, examiner: info.examiner, createdAt: info.createdAt, dir: info.dir },
    examiner: c.examiner.details(),
    tool: { name: 'Cairn', version: TOOL_VERSION, duckdbVersion: info.duckdbVersion },
    summary: executiveSummary(evidence, problems, evidenceChecks, seals, findings.map((f) => f.severity), timeline.map((t) => t.time)),
    findings,
    techniques: reportTechniques(findings, opts.resourcesDir ?? DEFAULT_RESOURCES_DIR),
    timeline,
    caseNotes: c.findings.notes.caseNotes(),
    evidenceSummary: summariseEvidence(evidence, evidenceChecks, seals, problems),
    problems,
    custody: custodyFiles.records,
    filesWithoutCustody: custodyFiles.without,
    validation: await validation(c, evidence, evidenceChecks, opts.resourcesDir ?? DEFAULT_RESOURCES_DIR, audit.byAction),
    // An audit trail that does not hold (chain, recorded heads, signatures) counts too: the report then exits 4.
    integrityProblems: evidenceChecks.filter((x) => x.status !== 'verified').length + seals.problems.length + attestation.auditTrail.problems.length,
    seals,
    audit,
    manifestCsv: opts.manifestCsv ?? { name: '', sha256: '', rows: 0 },
    evidence,
    evidenceChecks,
    attestation,
  };
}

/**
 * The audit summary from SQL: counts per action and the entries about findings, notes, custody and reports; SQLite
 * counts, so a large case's audit details are never parsed (decision 0040).
 */
function auditSummary(c: Case): AuditSummary {
  const d = c.auditDigest(FINDING_ACTIONS_SQL, MAX_LISTED_ENTRIES);
  const v = c.verifyAudit();
  return {
    entries: d.entries, chainOk: v.ok, head: v.ok ? v.head : null, brokenAt: v.ok ? null : v.brokenAt, reason: v.ok ? null : v.reason,
    firstAt: d.firstAt, lastAt: d.lastAt, byAction: d.byAction, findingEntries: d.listed,
  };
}

export { placeOf } from '../../../shared/evidence-manifest';
import { placeOf } from '../../../shared/evidence-manifest';

/** A file whose import did not finish is never counted under its format's source: it holds no rows there. */
const sourceOf = (f: EvidenceFile): string => f.status === 'pending' ? `(not imported${f.format ? `: ${f.format}` : ''})` : f.format ?? `(${f.status.replace('_', ' ')})`;

/** Every file the reader must know about: failed, rejected records, unsupported, undecided, unfinished, changed, gone, unsealed. */
export function listProblems(evidence: EvidenceFile[], checks: EvidenceCheck[], seals: SealCheck): ReportProblem[] {
  const byId = new Map(evidence.map((f) => [f.id, f]));
  const out: ReportProblem[] = [];
  for (const f of evidence) {
    const p = (kind: ReportProblem['kind'], detail: string): void => { out.push({ evidenceId: f.id, relPath: f.relPath, kind, status: f.status, detail }); };
    if (f.status === 'failed') p('failed', f.reason ?? 'could not be read');
    else if (f.status === 'unsupported') p('unsupported', f.reason ?? 'no known format');
    else if (f.status === 'needs_decision') p('needs_decision', f.reason ?? 'detection left the format to the analyst (cairn import --as FORMAT)');
    else if (f.status === 'pending') p('pending', f.reason?.startsWith('not imported') ? f.reason : 'not imported: listed but its import did not finish; Resume (cairn import --resume) imports it');
    if (f.rejected > 0) p('rejects', `${f.rejected} of ${f.recordsRead} record(s) rejected${f.reason ? `: ${f.reason}` : ''}`);
  }
  for (const c of checks) {
    if (c.status === 'verified') continue;
    const f = byId.get(c.evidenceId);
    out.push({ evidenceId: c.evidenceId, relPath: c.relPath, kind: c.status, status: f?.status ?? 'pending',
      detail: c.status === 'mismatch' ? `re-hashed to ${c.actualSha256}, manifest has ${c.expectedSha256}` : c.error ?? 'not found' });
  }
  for (const s of seals.problems) {
    const f = byId.get(s.evidenceId);
    out.push({ evidenceId: s.evidenceId, relPath: s.relPath ?? f?.relPath ?? '', kind: 'seal', status: f?.status ?? 'pending',
      detail: `rows ${s.state}: ${s.tables.map((t) => `${t.table}: ${t.detail}`).join('; ')}` });
  }
  return out.sort((a, b) => a.evidenceId - b.evidenceId);
}

/** Files, bytes, records and integrity per source, account, region and day. */
export function summariseEvidence(evidence: EvidenceFile[], checks: EvidenceCheck[], seals: SealCheck, problems: ReportProblem[]): EvidenceGroup[] {
  const check = new Map(checks.map((c) => [c.evidenceId, c.status]));
  const sealBad = new Set(seals.problems.map((s) => s.evidenceId));
  const problemIds = new Set(problems.map((p) => p.evidenceId));
  const groups = new Map<string, EvidenceGroup & { issues: Record<string, number> }>();
  for (const f of evidence) {
    const { account, region, day } = placeOf(f);
    const source = sourceOf(f);
    const key = `${source}\u0000${account}\u0000${region}\u0000${day}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = { source, account, region, day, files: 0, bytes: 0, records: 0, imported: 0, rejected: 0, problemFiles: 0, integrity: '', issues: {} });
    g.files++; g.bytes += f.size; g.records += f.recordsRead; g.imported += f.imported; g.rejected += f.rejected;
    if (problemIds.has(f.id)) g.problemFiles++;
    const st = check.get(f.id) ?? 'not checked';
    if (st !== 'verified') g.issues[st] = (g.issues[st] ?? 0) + 1;
    if (sealBad.has(f.id)) g.issues['rows not matching their seal'] = (g.issues['rows not matching their seal'] ?? 0) + 1;
  }
  return [...groups.values()].map(({ issues, ...g }) => ({ ...g, integrity: Object.keys(issues).length ? Object.entries(issues).map(([k, n]) => `${n} ${k}`).join(', ') : 'verified' }))
    .sort((a, b) => a.source.localeCompare(b.source) || a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.day.localeCompare(b.day));
}

function executiveSummary(evidence: EvidenceFile[], problems: ReportProblem[], checks: EvidenceCheck[], seals: SealCheck, severities: Severity[], times: Array<string | null>): ExecutiveSummary {
  const sources = new Map<string, { files: number; imported: number }>();
  const accounts = new Set<string>();
  const regions = new Set<string>();
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  let bytes = 0, recordsRead = 0, imported = 0, rejected = 0;
  for (const f of evidence) {
    const s = sources.get(sourceOf(f)) ?? { files: 0, imported: 0 };
    s.files++; s.imported += f.imported;
    sources.set(sourceOf(f), s);
    bytes += f.size; recordsRead += f.recordsRead; imported += f.imported; rejected += f.rejected;
    const p = placeOf(f);
    if (p.account !== '-') accounts.add(p.account);
    if (p.region !== '-') regions.add(p.region);
    if (p.day !== '-') { if (!firstDay || p.day < firstDay) firstDay = p.day; if (!lastDay || p.day > lastDay) lastDay = p.day; }
  }
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const s of severities) findingsBySeverity[s]++;
  const dated = times.filter((t): t is string => t !== null).sort();
  return {
    evidenceFiles: evidence.length, bytes, recordsRead, imported, rejected,
    sources: [...sources].map(([source, s]) => ({ source, ...s })).sort((a, b) => a.source.localeCompare(b.source)),
    accounts: [...accounts].sort(), regions: [...regions].sort(), firstDay, lastDay,
    problemFiles: new Set(problems.map((p) => p.evidenceId)).size,
    integrityProblems: checks.filter((x) => x.status !== 'verified').length + seals.problems.length,
    findingsBySeverity, firstFindingEvent: dated[0] ?? null, lastFindingEvent: dated.at(-1) ?? null,
  };
}

/** Each custody record with the manifest files under its path; and how many files no record accounts for. */
function custodyCounts(records: CustodyRecord[], evidence: EvidenceFile[]): { records: CustodyInReport[]; without: number } {
  const roots = records.map((r) => (r.path ? resolve(r.path) : null));
  const counts = records.map(() => ({ files: 0, bytes: 0 }));
  let without = 0;
  for (const f of evidence) {
    let any = false;
    roots.forEach((root, k) => {
      if (root && (f.originalPath === root || f.originalPath.startsWith(root.endsWith(sep) ? root : root + sep))) { counts[k]!.files++; counts[k]!.bytes += f.size; any = true; }
    });
    if (!any) without++;
  }
  return { records: records.map((r, k) => ({ ...r, ...counts[k]! })), without };
}

async function validation(c: Case, evidence: EvidenceFile[], checks: EvidenceCheck[], resourcesDir: string, auditByAction: Record<string, number>): Promise<ReportValidation> {
  const hasDigests = evidence.some((e) => e.format === 'cloudtrail-digest');
  const digests = hasDigests ? await verifyManifestDigests(evidence) : null;
  return {
    rehash: {
      files: checks.length, verified: checks.filter((x) => x.status === 'verified').length,
      mismatch: checks.filter((x) => x.status === 'mismatch').length, missing: checks.filter((x) => x.status === 'missing').length,
    },
    cloudtrailDigests: digests,
    digestsNote: digests
      ? 'CloudTrail digest files in the evidence were validated offline: each digest\'s signature and chain link, and each log file\'s SHA-256 (uncompressed) against the digest that lists it.'
      : 'The case holds no CloudTrail digest files, so no log file could be checked against a digest. docs/collecting-evidence.md says what to collect.',
    rejects: await rejectsByFile(c, evidence),
    decisions: decisions(c, evidence),
    schemaDrift: schemaDrift(evidence),
    rulePacks: [
      rulePack('Cairn hunting queries', resourcesDir, 'queries'),
      rulePack('SigmaHQ AWS CloudTrail rules', resourcesDir, 'sigma'),
    ],
    referenceData: referenceData(auditByAction['reference.ip_networks'] ?? 0),
    coverage: { note: 'Per source, account, region and hour, with gaps and the windows when logging was turned off or reduced: see Attestation, Coverage below (cairn coverage for the full ledger).', data: null },
    signature: { note: 'The examiner key and the chain head this report records are under Attestation; REPORT.sig beside the report signs its SHA-256 and that head (cairn verify --against REPORT). Its SHA-256 is also in the .sha256 sidecar.', data: null },
  };
}

/** The IP databases' identity, and how often this case loaded them (audited as reference.ip_networks, decision 0021). */
function referenceData(loads: number): ReferenceData[] {
  return ipDatabaseInfo().packages.map((p) => ({ ...p, usedFor: 'ip_asn, ip_org, ip_country', loadsInCase: loads }));
}

async function rejectsByFile(c: Case, evidence: EvidenceFile[]): Promise<FileRejects[]> {
  if (!evidence.some((f) => f.rejected > 0)) return [];
  const rel = new Map(evidence.map((f) => [f.id, f]));
  const rows = await c.readEvidence(async (conn) => (await conn.runAndReadAll(REJECTS_SQL)).getRowObjectsJS());
  const out = new Map<number, FileRejects>();
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  for (const r of rows) {
    const id = Number(r.evidence_id);
    let f = out.get(id);
    if (!f) out.set(id, f = { evidenceId: id, relPath: rel.get(id)?.relPath ?? '', rejected: 0, reasons: [] });
    const count = Number(r.n);
    f.rejected += count;
    f.reasons.push({ reason: String(r.reason), count, firstOrdinal: num(r.first_ordinal), firstLine: num(r.first_line), firstByteOffset: num(r.first_offset) });
  }
  return [...out.values()];
}

/** Files still waiting for the analyst's format choice, and the choices made (`import --as`), from the runs that made them. */
function decisions(c: Case, evidence: EvidenceFile[]): ReportValidation['decisions'] {
  const pending = evidence.filter((f) => f.status === 'needs_decision').map((f) => ({ evidenceId: f.id, relPath: f.relPath, reason: f.reason ?? '' }));
  const rel = new Map(evidence.map((f) => [f.id, f.relPath]));
  const made: FormatDecision[] = c.formatChoices().flatMap((run) => run.files.map((f) => ({
    evidenceId: f.evidenceId, relPath: rel.get(f.evidenceId) ?? '', format: run.format, runId: run.runId, at: run.at, status: f.status })));
  return { pending, made };
}

// Where the importer records fields it has no column for, in the file's reason: a VPC flow log header's unknown
// field names (sources/vpc-flow/detect.ts), and the keys CloudTrail records hold beyond the table (import/file-ledger.ts).
const FLOW_UNKNOWN_FIELDS = /unknown fields: ([^)]*)\)/;
const UNKNOWN_KEYS = new RegExp(`${UNKNOWN_KEYS_LABEL.replace(/[()]/g, '\\$&')}: ([^;]*)`);

function schemaDrift(evidence: EvidenceFile[]): ReportValidation['schemaDrift'] {
  const files = evidence.flatMap((f) => {
    const m = f.format === 'vpcflow' && f.reason ? FLOW_UNKNOWN_FIELDS.exec(f.reason) : f.reason ? UNKNOWN_KEYS.exec(f.reason) : null;
    return m ? [{ evidenceId: f.id, relPath: f.relPath, source: f.format!, fields: m[1]!.split(',').map((s) => s.trim()).filter(Boolean) }] : [];
  });
  return {
    note: 'Recorded for VPC flow logs (header fields the flow-log tables have no column for; their values are not imported) and CloudTrail '
      + '(top-level keys and keys of userIdentity and the objects it nests that the table has no column for; the records keep them in _raw). '
      + 'ALB, Classic ELB, NLB and CSV imports do not record fields outside their tables\' columns, so no statement is made for them.',
    files,
  };
}

/** Where the vendored Sigma rules came from, as their README states it. */
const UPSTREAM = /SigmaHQ\/sigma @ ([0-9a-f]{40})/;

/** A rule pack's identity: its files and a SHA-256 over each one's relative path, NUL, content, NUL, in path order. */
export function rulePack(name: string, resourcesDir: string, folder: string): RulePack {
  const root = join(resourcesDir, folder);
  const files: string[] = [];
  const walk = (rel: string): void => {
    let entries: Dirent[];
    try { entries = readdirSync(join(root, rel), { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r); else if (e.isFile()) files.push(r);
    }
  };
  walk('');
  files.sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\u0000`).update(readFileSync(join(root, f))).update('\u0000');
  let upstream: string | null = null;
  try { upstream = UPSTREAM.exec(readFileSync(join(root, 'README.md'), 'utf8'))?.[0] ?? null; } catch { /* no README: no upstream named */ }
  return { name, folder, files: files.length, sha256: files.length ? h.digest('hex') : null, upstream };
}
