import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ReportExport, ReportFormat } from '../../../shared/report';
import type { Case } from '../case/case';
import { CairnError } from '../errors';
import { printPdfWithChromium, type PrintPdf } from './print-pdf';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { buildReportModel } from './report-model';

export interface ReportOptions {
  printPdf?: PrintPdf;
  /** A file name in the case's reports/ folder; a default name when absent. */
  name?: string;
  /** cairn report --out: write anywhere the analyst says (the CLI is not driven by log content). */
  outPath?: string;
}

const FORMATS: readonly ReportFormat[] = ['html', 'md', 'json', 'pdf'];

/** Re-hashes the evidence, renders the report, writes it with a `.sha256` sidecar, and audits the export. */
export async function exportReport(c: Case, format: ReportFormat, opts: ReportOptions = {}): Promise<ReportExport> {
  if (!FORMATS.includes(format)) throw new CairnError('BAD_REQUEST', `format must be one of ${FORMATS.join(', ')}`);
  const path = opts.outPath ? resolve(opts.outPath) : reportPath(c.dir, format, opts.name);
  const model = await buildReportModel(c);
  if (!opts.outPath && existsSync(path)) throw new CairnError('BAD_REQUEST', `a report named ${basename(path)} exists already`);
  // Written beside its name and moved there whole: a kill or a full disk leaves no half report under it.
  const partial = `${path}.partial-${process.pid}`;
  try {
    if (format === 'pdf') {
      const html = `${path}.html`;
      writeFileSync(html, renderHtml(model), { flag: 'wx' });
      try { await (opts.printPdf ?? printPdfWithChromium)(html, partial); } finally { rmSync(html, { force: true }); }
    } else {
      const text = format === 'html' ? renderHtml(model) : format === 'md' ? renderMarkdown(model) : renderJson(model);
      writeFileSync(partial, text, { flag: 'wx' });
    }
    if (opts.outPath) renameSync(partial, path);
    else { linkSync(partial, path); rmSync(partial); } // never replaces a report in the case's folder
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sha256Path = `${path}.sha256`;
  writeFileSync(sha256Path, `${sha256}  ${basename(path)}\n`); // sha256sum's format: `sha256sum -c` checks it
  c.store.audit('report.exported', { format, path, sha256, bytes: bytes.length, integrityProblems: model.integrityProblems, auditHead: model.audit.head,
    findings: model.findings.length, evidenceChecks: model.evidenceChecks.map((x) => ({ id: x.evidenceId, status: x.status })) });
  return { path, sha256Path, sha256, bytes: bytes.length, evidenceChecks: model.evidenceChecks, integrityProblems: model.integrityProblems };
}

/** Reports stay inside the case's reports/ folder: a page driven by hostile content must not write elsewhere. */
function reportPath(caseDir: string, format: ReportFormat, name: string | undefined): string {
  const dir = join(caseDir, 'reports');
  mkdirSync(dir, { recursive: true });
  const file = name ? basename(name) : `report-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`;
  if (!/^[\w.-]{1,128}$/.test(file) || file.startsWith('.')) throw new CairnError('BAD_REQUEST', 'a report name may use letters, digits, dot, dash and underscore');
  if (name && resolve(dir, name) !== join(dir, file)) throw new CairnError('BAD_REQUEST', `reports are written to the case's reports folder (${dir}); give a file name, not a path`);
  if (!file.endsWith(`.${format}`)) throw new CairnError('BAD_REQUEST', `a ${format} report's name ends in .${format}`);
  return join(dir, file);
}
