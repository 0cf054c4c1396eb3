import { main } from '../../electron/cli';

/** Runs one `cairn` command in-process with its output captured (the test runner's own stdout stays untouched). */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => { out.push(s); }, err: (s) => { err.push(s); } });
  return { code, out: out.join(''), err: err.join('') };
}
