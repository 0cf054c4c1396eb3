// `cairn serve` as the analyst runs it: a child process of bin/cairn.js, with its own data dir so tests never
// touch ~/.cairn. Ready when it prints the workbench URL; stopped with SIGTERM as Ctrl+C would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './electron-binary';
import '../helpers/temp'; // sets CAIRN_EXAMINER_KEY_DIR: the server signs with a test key, never the user's

export interface ServeProcess {
  pid: number; url: string; origin: string; port: number; token: string; output(): string; stop(): Promise<number | null>;
  /** The same API the page uses, called with the run's token: the tests' oracle for what the UI shows. */
  rpc<T>(method: string, args: unknown): Promise<T>;
}

export async function startServe(opts: { dataDir: string; caseDir?: string }): Promise<ServeProcess> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('dist/renderer is not built: run npm run build first');
  const args = [join(REPO_ROOT, 'bin', 'cairn.js'), 'serve', '--port', '0', '--data-dir', opts.dataDir];
  if (opts.caseDir) args.push('--case', opts.caseDir);
  const proc = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, CAIRN_DATA_DIR: opts.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.setEncoding('utf8').on('data', (s: string) => { out += s; });
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => { out += s; });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cairn serve printed no URL within 60 s:\n${out}`)), 60_000);
    const check = (): void => {
      const m = /Cairn workbench: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    };
    proc.stdout!.on('data', check);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`cairn serve exited (${code}) before printing its URL:\n${out}`)); });
  });
  const parsed = new URL(url);
  const token = parsed.hash.replace('#token=', '');
  return {
    pid: proc.pid!, url, origin: parsed.origin, port: Number(parsed.port), token,
    output: () => out,
    async rpc<T>(method: string, args: unknown): Promise<T> {
      const r = await fetch(`${parsed.origin}/rpc`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ method, args }) });
      const reply = await r.json() as { ok: boolean; value: T; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error?.message);
      return reply.value;
    },
    async stop() {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export type { ChildProcess };
