import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { REPORT_FORMATS, type ReportExport, type ReportFormat } from '../../../shared/report';
import { caseFileTarget, type PathPolicy } from '../policy/export-path';
import type { Case } from '../case/case';
import { CairnError } from '../errors';
import { printPdfWithChromium, type PrintPdf } from './print-pdf';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { buildReportModel } from './report-model';

export interface ReportOptions {
  printPdf?: PrintPdf;
  /** A file name in the case's reports/ folder (any path with the 'as-given' policy); a default name when absent. */
  name?: string;
  /** Where the caller may write (policy/export-path.ts): pages only into reports/, the CLI where --out says. */
  pathPolicy?: PathPolicy;
}

/** Re-hashes the evidence, renders the report, writes it with a `.sha256` sidecar, and audits the export. */
export async function exportReport(c: Case, format: ReportFormat, opts: ReportOptions = {}): Promise<ReportExport> {
  if (!REPORT_FORMATS.includes(format)) throw new CairnError('BAD_REQUEST', `format must be one of ${REPORT_FORMATS.join(', ')}`);
  const { path, chosenByCaller } = caseFileTarget(opts.pathPolicy ?? 'case-folder', { caseDir: c.dir, folder: 'reports', requested: opts.name, ext: format, noun: 'report', defaultStem: 'report', requireExt: true });
  const model = await buildReportModel(c);
  if (format === 'pdf') {
    const html = `${path}.html`;
    writeFileSync(html, renderHtml(model), { flag: 'wx' });
    try { await (opts.printPdf ?? printPdfWithChromium)(html, path); } finally { rmSync(html, { force: true }); }
  } else {
    const text = format === 'html' ? renderHtml(model) : format === 'md' ? renderMarkdown(model) : renderJson(model);
    writeFileSync(path, text, { flag: chosenByCaller ? 'w' : 'wx' });
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sha256Path = `${path}.sha256`;
  writeFileSync(sha256Path, `${sha256}  ${basename(path)}\n`); // sha256sum's format: `sha256sum -c` checks it
  c.audit('report.exported', { format, path, sha256, bytes: bytes.length, integrityProblems: model.integrityProblems, auditHead: model.audit.head,
    findings: model.findings.length, evidenceChecks: model.evidenceChecks.map((x) => ({ id: x.evidenceId, status: x.status })) });
  return { path, sha256Path, sha256, bytes: bytes.length, evidenceChecks: model.evidenceChecks, integrityProblems: model.integrityProblems };
}
