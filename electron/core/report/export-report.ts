import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ReportExport, ReportFormat } from '../../../shared/report';
import type { Case } from '../case/case';
import { CairnError } from '../errors';
import { printPdfWithChromium, type PrintPdf } from './print-pdf';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { manifestCsv } from './manifest-csv';
import { buildReportModel } from './report-model';

export interface ReportOptions {
  printPdf?: PrintPdf;
  /** A file name in the case's reports/ folder; a default name when absent. */
  name?: string;
  /** cairn report --out: write anywhere the analyst says (the CLI is not driven by log content). */
  outPath?: string;
  /** The resources folder whose rule packs the report names (default: the shipped one). */
  resourcesDir?: string;
}

const FORMATS: readonly ReportFormat[] = ['html', 'md', 'json', 'pdf'];

/** Re-hashes the evidence, renders the report, writes it with a `.sha256` sidecar, and audits the export. */
export async function exportReport(c: Case, format: ReportFormat, opts: ReportOptions = {}): Promise<ReportExport> {
  if (!FORMATS.includes(format)) throw new CairnError('BAD_REQUEST', `format must be one of ${FORMATS.join(', ')}`);
  const path = opts.outPath ? resolve(opts.outPath) : reportPath(c.dir, format, opts.name);
  const model = await buildReportModel(c, { resourcesDir: opts.resourcesDir });
  // The full manifest goes beside the report as CSV, written first so the report can name its hash.
  const csvPath = `${path}.manifest.csv`;
  const csv = Buffer.from(manifestCsv(model.evidence, model.evidenceChecks), 'utf8');
  writeFileSync(csvPath, csv, { flag: opts.outPath ? 'w' : 'wx' });
  model.manifestCsv = { name: basename(csvPath), sha256: sha256Hex(csv), rows: model.evidence.length };
  if (format === 'pdf') {
    const html = `${path}.html`;
    writeFileSync(html, renderHtml(model), { flag: 'wx' });
    try { await (opts.printPdf ?? printPdfWithChromium)(html, path); } finally { rmSync(html, { force: true }); }
  } else {
    const text = format === 'html' ? renderHtml(model) : format === 'md' ? renderMarkdown(model) : renderJson(model);
    writeFileSync(path, text, { flag: opts.outPath ? 'w' : 'wx' });
  }
  const bytes = readFileSync(path);
  const sha256 = sha256Hex(bytes);
  const sha256Path = `${path}.sha256`;
  // sha256sum's format, one line per file: `sha256sum -c` checks the report and its manifest CSV.
  writeFileSync(sha256Path, `${sha256}  ${basename(path)}\n${model.manifestCsv.sha256}  ${model.manifestCsv.name}\n`);
  c.store.audit('report.exported', { format, path, sha256, bytes: bytes.length, integrityProblems: model.integrityProblems, auditHead: model.audit.head,
    auditEntries: model.audit.entries, manifestCsv: { path: csvPath, sha256: model.manifestCsv.sha256, rows: model.manifestCsv.rows },
    findings: model.findings.length, evidenceChecks: model.evidenceChecks.filter((x) => x.status !== 'verified').map((x) => ({ id: x.evidenceId, status: x.status })),
    evidenceVerified: model.evidenceChecks.filter((x) => x.status === 'verified').length });
  return { path, sha256Path, sha256, bytes: bytes.length, evidenceChecks: model.evidenceChecks, integrityProblems: model.integrityProblems,
    manifestCsv: { path: csvPath, sha256: model.manifestCsv.sha256, rows: model.manifestCsv.rows } };
}

const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

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
