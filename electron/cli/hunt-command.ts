import { CairnError } from '../core/errors';
import { withCore } from './core-client';
import { flag, requireFlag, type ParsedArgs } from './args';
import { formatTable } from './format-table';

type Out = { out: (s: string) => void; err: (s: string) => void };

/**
 * cairn hunt --case DIR [--rules DIR]... [--no-shipped] [--accept RULE]... [--format table|json]: every rule runs or
 * says why not; the hits of each --accept rule become a finding.
 */
export async function huntCommand(args: ParsedArgs, io: Out): Promise<number> {
  const format = flag(args, 'format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new CairnError('BAD_REQUEST', '--format must be table or json');
  const dir = requireFlag(args, 'case');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    const s = await core.call('hunt.run', { ruleDirs: args.flags.get('rules') ?? [], shipped: !args.flags.has('no-shipped') });
    // --accept RULE (its id or file name): its hits become a finding.
    const accepted: Array<{ rule: string; finding: number }> = [];
    for (const want of args.flags.get('accept') ?? []) {
      const r = s.results.find((x) => x.id === want || x.file.split('/').at(-1) === want || x.file.split('/').at(-1) === `${want}.yml`);
      if (!r) throw new CairnError('BAD_REQUEST', `--accept ${JSON.stringify(want)}: no rule with that id or file name`);
      accepted.push({ rule: want, finding: (await core.call('hunt.accept', { file: r.file })).findingId });
    }
    if (format === 'json') { io.out(JSON.stringify({ ...s, accepted }, null, 2) + '\n'); return 0; }
    const hit = s.results.filter((r) => r.hits > 0);
    const files = new Map(hit.length ? (await core.call('evidence.list', {})).map((e) => [e.id, e.relPath]) : []);
    io.out(`${s.rules} rules: ${s.runnable} runnable, ${s.notRunnable} not runnable; ${s.hits} hit(s) from ${s.rulesWithHits} rule(s) in ${(s.elapsedMs / 1000).toFixed(1)} s\n\n`);
    if (hit.length) {
      io.out('Hits\n' + formatTable(['level', 'rule', 'hits', 'ATT&CK', 'first hit (file:record)'], hit.map((r) => [
        r.level ?? '', r.title ?? r.file, r.hits, r.techniques.join(' '), r.rows[0] ? `${files.get(r.rows[0].evidenceId) ?? r.rows[0].evidenceId}:${r.rows[0].ordinal} ${r.rows[0].eventTime ?? ''}` : '',
      ])) + '\n\n');
    }
    const refused = s.results.filter((r) => !r.runnable);
    if (refused.length) io.out('Not runnable\n' + formatTable(['rule', 'reason'], refused.map((r) => [r.file, r.reason ?? ''])) + '\n');
    for (const a of accepted) io.out(`finding ${a.finding} recorded from rule ${a.rule}\n`);
    return 0;
  });
}

/** cairn attack --case DIR [--out FILE] [--json]: techniques of the findings, as a table or a Navigator layer file. */
export async function attackCommand(args: ParsedArgs, io: Out): Promise<number> {
  const dir = requireFlag(args, 'case');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    const out = flag(args, 'out');
    if (out) {
      const layer = await core.call('attack.layer', { path: out });
      io.out(`${layer.techniques} technique(s) written to ${layer.path} (ATT&CK Navigator layer 4.5)\n`);
      return 0;
    }
    const counts = await core.call('attack.techniques', {});
    if (args.flags.has('json')) io.out(JSON.stringify(counts, null, 2) + '\n');
    else io.out(formatTable(['technique', 'name', 'findings', 'rows'], counts.map((t) => [t.id, t.name ?? '(not in the offline table)', t.findings, t.rows])) + '\n');
    return 0;
  });
}
