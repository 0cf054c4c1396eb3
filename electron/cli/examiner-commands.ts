import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExaminerDetails } from '../../shared/report';
import { CairnError } from '../core/errors';
import { flag, requireFlag, type ParsedArgs } from './args';
import { withCore } from './core-client';
import { formatTable } from './format-table';

type Out = { out: (s: string) => void; err: (s: string) => void };

/** A text flag, or its `-file` twin read as UTF-8 (limitations and summaries run to paragraphs). */
function textFlag(args: ParsedArgs, name: string): string | undefined {
  const file = flag(args, `${name}-file`);
  return file !== undefined ? readFileSync(file, 'utf8') : flag(args, name);
}

/** cairn case show|set --case DIR: the examiner fields the report carries. */
export async function caseCommand(args: ParsedArgs, io: Out): Promise<number> {
  const sub = args.positional[0];
  if ((sub !== 'show' && sub !== 'set') || args.positional.length !== 1) throw new CairnError('BAD_REQUEST', 'usage: cairn case show|set --case DIR [--examiner N] [--qualifications T] [--limitations T] [--summary MD]');
  const dir = requireFlag(args, 'case');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    let d: ExaminerDetails;
    if (sub === 'set') {
      const fields: Partial<ExaminerDetails> = { name: flag(args, 'examiner'), qualifications: textFlag(args, 'qualifications'), limitations: textFlag(args, 'limitations'), summary: textFlag(args, 'summary') };
      for (const k of Object.keys(fields) as Array<keyof ExaminerDetails>) if (fields[k] === undefined) delete fields[k];
      if (!Object.keys(fields).length) throw new CairnError('BAD_REQUEST', 'cairn case set needs at least one of --examiner, --qualifications, --limitations, --summary (or their -file forms)');
      d = await core.call('case.setDetails', fields);
    } else d = await core.call('case.details', {});
    if (flag(args, 'json')) io.out(JSON.stringify(d, null, 2) + '\n');
    else io.out(`Examiner: ${d.name}\nQualifications: ${d.qualifications || '-'}\nLimitations: ${d.limitations || '-'}\nSummary: ${d.summary || '-'}\n`);
    return 0;
  });
}

/** cairn custody add|list --case DIR: chain-of-custody records, one per evidence item received. */
export async function custodyCommand(args: ParsedArgs, io: Out): Promise<number> {
  const sub = args.positional[0];
  if ((sub !== 'add' && sub !== 'list') || args.positional.length !== 1) throw new CairnError('BAD_REQUEST', 'usage: cairn custody add|list --case DIR ...');
  const dir = requireFlag(args, 'case');
  const path = flag(args, 'path');
  const record = sub === 'add' ? {
    item: requireFlag(args, 'item'), receivedFrom: requireFlag(args, 'from'), receivedAt: requireFlag(args, 'at'), how: requireFlag(args, 'how'),
    receivedBy: requireFlag(args, 'by'), ...(path === undefined ? {} : { path: resolve(path) }), notes: textFlag(args, 'note') ?? '',
  } : null;
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    if (record) {
      const r = await core.call('custody.add', record);
      io.out(flag(args, 'json') ? JSON.stringify(r, null, 2) + '\n' : `custody record ${r.id} added\n`);
      return 0;
    }
    const list = await core.call('custody.list', {});
    if (flag(args, 'json')) io.out(JSON.stringify(list, null, 2) + '\n');
    else io.out(formatTable(['id', 'item', 'from', 'at', 'how', 'by', 'path', 'notes'], list.map((r) => [r.id, r.item, r.receivedFrom, r.receivedAt, r.how, r.receivedBy, r.path ?? '', r.notes])) + '\n');
    return 0;
  });
}
