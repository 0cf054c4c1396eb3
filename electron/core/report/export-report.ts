import { createHash } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { REPORT_FORMATS, type ReportExport, type ReportFormat } from '../../../shared/report';
import { caseFileTarget, type PathPolicy } from '../policy/export-path';
import type { Case } from '../case/case';
import { CairnError } from '../errors';
import { printPdfWithChromium, type PrintPdf } from './print-pdf';
import { renderHtml } from './report-to-html';
import { renderJson } from './report-to-json';
import { renderMarkdown } from './report-to-markdown';
import { manifestCsv } from './manifest-csv';
import { buildReportModel } from './report-model';
import { signReportFile } from '../examiner/attestation';

export interface ReportOptions {
  printPdf?: PrintPdf;
  /** A file name in the case's reports/ folder (any path with the 'as-given' policy); a default name when absent. */
  name?: string;
  /** Where the caller may write (policy/export-path.ts): pages only into reports/, the CLI where --out says. */
  pathPolicy?: PathPolicy;
  /** The resources folder whose rule packs the report names (default: the shipped one). */
  resourcesDir?: string;
}

/** Re-hashes the evidence, renders the report, writes it with a `.sha256` sidecar, and audits the export. */
export async function exportReport(c: Case, format: ReportFormat, opts: ReportOptions = {}): Promise<ReportExport> {
  if (!REPORT_FORMATS.includes(format)) throw new CairnError('BAD_REQUEST', `format must be one of ${REPORT_FORMATS.join(', ')}`);
  const { path, chosenByCaller } = caseFileTarget(opts.pathPolicy ?? 'case-folder', { caseDir: c.dir, folder: 'reports', requested: opts.name, ext: format, noun: 'report', defaultStem: 'report', requireExt: true });
  const model = await buildReportModel(c, { resourcesDir: opts.resourcesDir });
  if (!chosenByCaller && existsSync(path)) throw new CairnError('BAD_REQUEST', `a report named ${basename(path)} exists already`);
  // The full manifest goes beside the report as CSV, made first so the report can name its hash.
  const csvPath = `${path}.manifest.csv`;
  const csv = Buffer.from(manifestCsv(model.evidence, model.evidenceChecks), 'utf8');
  model.manifestCsv = { name: basename(csvPath), sha256: sha256Hex(csv), rows: model.evidence.length };
  // Both are written beside their names and moved there whole, the CSV first: a kill or a full disk leaves no
  // half file under either name, and a report never stands without its CSV.
  const partial = `${path}.partial-${process.pid}`;
  const csvPartial = `${csvPath}.partial-${process.pid}`;
  const place = (from: string, to: string): void => {
    if (chosenByCaller) renameSync(from, to);
    else { linkSync(from, to); rmSync(from); } // never replaces a file in the case's folder
  };
  try {
    writeFileSync(csvPartial, csv, { flag: 'wx' });
    if (format === 'pdf') {
      const html = `${path}.html`;
      writeFileSync(html, renderHtml(model), { flag: 'wx' });
      try { await (opts.printPdf ?? printPdfWithChromium)(html, partial); } finally { rmSync(html, { force: true }); }
    } else {
      const text = format === 'html' ? renderHtml(model) : format === 'md' ? renderMarkdown(model) : renderJson(model);
      writeFileSync(partial, text, { flag: 'wx' });
    }
    place(csvPartial, csvPath);
    place(partial, path);
  } catch (e) {
    rmSync(partial, { force: true });
    rmSync(csvPartial, { force: true });
    throw e;
  }
  const bytes = readFileSync(path);
  const sha256 = sha256Hex(bytes);
  const sha256Path = `${path}.sha256`;
  // sha256sum's format, one line per file: `sha256sum -c` checks the report and its manifest CSV.
  writeFileSync(sha256Path, `${sha256}  ${basename(path)}\n${model.manifestCsv.sha256}  ${model.manifestCsv.name}\n`);
  const signaturePath = signReportFile(c, path, sha256, bytes.length, model.attestation?.auditAnchor ?? null);
  c.audit('report.exported', { format, path, sha256, bytes: bytes.length, integrityProblems: model.integrityProblems, auditHead: model.audit.head,
    auditEntries: model.audit.entries, manifestCsv: { path: csvPath, sha256: model.manifestCsv.sha256, rows: model.manifestCsv.rows },
    findings: model.findings.length, evidenceChecks: model.evidenceChecks.filter((x) => x.status !== 'verified').map((x) => ({ id: x.evidenceId, status: x.status })),
    evidenceVerified: model.evidenceChecks.filter((x) => x.status === 'verified').length,
    signature: signaturePath ? { path: signaturePath, fingerprint: c.examinerKey?.fingerprint } : null });
  // The export itself is now the head: sign it (only when the trail held, so a tampered log gets no fresh signature).
  if (model.attestation?.auditTrail.ok) c.signHead({ keep: true });
  return { path, sha256Path, sha256, bytes: bytes.length, evidenceChecks: model.evidenceChecks, integrityProblems: model.integrityProblems,
    manifestCsv: { path: csvPath, sha256: model.manifestCsv.sha256, rows: model.manifestCsv.rows }, manifestCsvPath: csvPath, signaturePath };
}

const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
