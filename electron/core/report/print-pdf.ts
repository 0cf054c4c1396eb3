import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CairnError } from '../errors';

/** Prints a self-contained HTML file to PDF. The desktop app injects Electron's printToPDF instead. */
export type PrintPdf = (htmlPath: string, pdfPath: string) => Promise<void>;

const TIMEOUT_MS = 120_000;

export function chromiumPath(): string {
  return process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * Headless Chromium's --print-to-pdf, with a throwaway profile and no network features. Even printing a
 * file:// page Chromium resolves host names (decision 0032): the resolver rule answers every name "not found".
 */
export const printPdfWithChromium: PrintPdf = async (htmlPath, pdfPath) => {
  const exe = chromiumPath();
  if (!existsSync(exe)) throw new CairnError('IO', `PDF export needs Chromium at ${exe} (set CAIRN_CHROMIUM)`);
  const profile = mkdtempSync(join(tmpdir(), 'cairn-pdf-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-extensions', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--no-pdf-header-footer', '--host-resolver-rules=MAP * ~NOTFOUND', `--user-data-dir=${profile}`, `--print-to-pdf=${pdfPath}`, pathToFileURL(htmlPath).href];
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { if (err.length < 8192) err += d.toString(); });
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (c) => { clearTimeout(timer); resolve({ code: c, stderr: err }); });
    });
    if (code !== 0 || !existsSync(pdfPath) || statSync(pdfPath).size === 0) {
      throw new CairnError('IO', `Chromium could not print the report (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
};
