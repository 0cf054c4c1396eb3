import { CairnError } from '../core/errors';

export interface ParsedArgs {
  command: string | undefined;
  flags: Map<string, string[]>;
  positional: string[];
}

/** Flags that take no value. Every other --flag takes the next word (or --flag=value). */
const BOOLEAN_FLAGS = new Set(['json', 'help', 'quiet', 'no-open', 'no-shipped', 'resume']);

export function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') { positional.push(...rest.slice(i + 1)); break; }
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    let value: string;
    if (eq !== -1) value = a.slice(eq + 1);
    else if (BOOLEAN_FLAGS.has(name)) value = 'true';
    else {
      const next = rest[++i];
      if (next === undefined) throw new CairnError('BAD_REQUEST', `--${name} needs a value`);
      value = next;
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { command, flags, positional };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const v = flag(args, name);
  if (v === undefined) throw new CairnError('BAD_REQUEST', `--${name} is required`);
  return v;
}

/** --param k=v (repeatable) → { k: v } */
export function params(args: ParsedArgs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of args.flags.get('param') ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new CairnError('BAD_REQUEST', `--param expects name=value, got ${JSON.stringify(p)}`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}
