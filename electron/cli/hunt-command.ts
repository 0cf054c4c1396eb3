import { join } from 'node:path';
import { Case } from '../core/case/case';
import { CairnError } from '../core/errors';
import { huntCase } from '../core/hunt/hunt-case';
import { flag, requireFlag, type ParsedArgs } from './args';
import { formatTable } from './format-table';

type Out = { out: (s: string) => void; err: (s: string) => void };
const RESOURCES = join(__dirname, '..', '..', '..', 'resources');

/** cairn hunt --case DIR [--rules DIR]... [--no-shipped] [--format table|json]: every rule, runnable or with the reason it is not. */
export async function huntCommand(args: ParsedArgs, io: Out): Promise<number> {
  const format = flag(args, 'format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new CairnError('BAD_REQUEST', '--format must be table or json');
  const c = await Case.open(requireFlag(args, 'case'));
  try {
    const s = await huntCase(c, { resourcesDir: RESOURCES, ruleDirs: args.flags.get('rules') ?? [], shipped: !args.flags.has('no-shipped') });
    if (format === 'json') { io.out(JSON.stringify(s, null, 2) + '\n'); return 0; }
    const files = new Map(c.store.evidence().map((e) => [e.id, e.relPath]));
    io.out(`${s.rules} rules: ${s.runnable} runnable, ${s.notRunnable} not runnable; ${s.hits} hit(s) from ${s.rulesWithHits} rule(s) in ${(s.elapsedMs / 1000).toFixed(1)} s\n\n`);
    const hit = s.results.filter((r) => r.hits > 0);
    if (hit.length) {
      io.out('Hits\n' + formatTable(['level', 'rule', 'hits', 'ATT&CK', 'first hit (file:record)'], hit.map((r) => [
        r.level ?? '', r.title ?? r.file, r.hits, r.techniques.join(' '), r.rows[0] ? `${files.get(r.rows[0].evidenceId) ?? r.rows[0].evidenceId}:${r.rows[0].ordinal} ${r.rows[0].eventTime ?? ''}` : '',
      ])) + '\n\n');
    }
    const refused = s.results.filter((r) => !r.runnable);
    if (refused.length) io.out('Not runnable\n' + formatTable(['rule', 'reason'], refused.map((r) => [r.file, r.reason ?? ''])) + '\n');
    return 0;
  } finally {
    await c.close();
  }
}
