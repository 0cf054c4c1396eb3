import type { AuditEntry } from '../../../shared/types';
import type { AuditSummary, EvidenceCheck, ReportModel } from '../../../shared/report';
import type { Case } from '../case/case';
import { TOOL_VERSION } from '../version';
import { checkEvidence } from './evidence-check';

const FINDING_ACTIONS = /^(finding|tag|note|report)\./;
const MAX_LISTED_ENTRIES = 2000;

/** Everything a report shows, gathered once. Evidence is re-hashed first unless checks are given. */
export async function buildReportModel(c: Case, opts: { checks?: EvidenceCheck[]; now?: Date } = {}): Promise<ReportModel> {
  const info = c.info();
  const evidence = c.manifest.evidence();
  const evidenceChecks = opts.checks ?? await checkEvidence(evidence);
  const findings = c.findings.list().map((f) => c.findings.get(f.id));
  const seals = await c.verifySeals();
  return {
    schema: 'cairn-report/1',
    generatedAt: (opts.now ?? new Date()).toISOString(),
    case: { id: info.id, name: info.name, examiner: info.examiner, createdAt: info.createdAt, dir: info.dir },
    tool: { name: 'Cairn', version: TOOL_VERSION, duckdbVersion: info.duckdbVersion },
    evidence,
    evidenceChecks,
    integrityProblems: evidenceChecks.filter((x) => x.status !== 'verified').length + seals.problems.length,
    seals,
    findings,
    timeline: c.findings.timeline(),
    caseNotes: c.findings.notes.caseNotes(),
    audit: summariseAudit(c.auditLog(), c.verifyAudit()),
  };
}

export function summariseAudit(log: AuditEntry[], v: { ok: true; head: string; entries: number } | { ok: false; brokenAt: number; reason: string }): AuditSummary {
  const byAction: Record<string, number> = {};
  for (const e of log) byAction[e.action] = (byAction[e.action] ?? 0) + 1;
  return {
    entries: log.length,
    chainOk: v.ok,
    head: v.ok ? v.head : null,
    brokenAt: v.ok ? null : v.brokenAt,
    reason: v.ok ? null : v.reason,
    firstAt: log[0]?.at ?? null,
    lastAt: log.at(-1)?.at ?? null,
    byAction,
    findingEntries: log.filter((e) => FINDING_ACTIONS.test(e.action)).slice(-MAX_LISTED_ENTRIES),
  };
}
