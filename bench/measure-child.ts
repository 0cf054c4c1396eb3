// Runs one measured child process: wall time, exit code, stdout, and peak RSS from two independent
// readings (the child's own getrusage at exit via rss-probe, and /proc/<pid>/status VmHWM polled while
// it runs), taking the larger so a missed exit hook cannot under-report.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface ChildRun { wallMs: number; exitCode: number | null; peakRssBytes: number; stdout: string; stderr: string }

export async function measureChild(script: string, args: string[], opts: { cwd: string; probeDir: string; label: string }): Promise<ChildRun> {
  const rssFile = join(opts.probeDir, `rss-${opts.label}-${process.pid}.json`);
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', join(__dirname, 'rss-probe.js'), script, ...args], {
    cwd: opts.cwd, env: { ...process.env, CAIRN_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  let polledKiB = 0;
  const poll = setInterval(() => { polledKiB = Math.max(polledKiB, vmHwmKiB(child.pid)); }, 50);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  clearInterval(poll);
  const wallMs = performance.now() - started;
  let probedKiB = 0;
  if (existsSync(rssFile)) {
    try { probedKiB = (JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number }).maxRssKiB; } catch { /* fall back to polling */ }
    rmSync(rssFile, { force: true });
  }
  return { wallMs, exitCode, peakRssBytes: Math.max(probedKiB, polledKiB) * 1024, stdout, stderr };
}

function vmHwmKiB(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // the process has exited
  }
}
