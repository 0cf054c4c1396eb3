import { extname } from 'node:path';
import type { ReportFormat } from '../../shared/report';
import { SEVERITIES, type Severity } from '../../shared/findings';
import { CairnError } from '../core/errors';
import { flag, params, requireFlag, type ParsedArgs } from './args';
import { withCore } from './core-client';

type Out = { out: (s: string) => void; err: (s: string) => void };

/** cairn finding add: runs the SQL and records every row it returns (at most 10,000) as one finding. */
export async function findingCommand(args: ParsedArgs, io: Out): Promise<number> {
  if (args.positional[0] !== 'add' || args.positional.length !== 1) throw new CairnError('BAD_REQUEST', 'usage: cairn finding add --case DIR --title T --sql SQL ...');
  const severity = (flag(args, 'severity') ?? 'medium') as Severity;
  if (!SEVERITIES.includes(severity)) throw new CairnError('BAD_REQUEST', `--severity must be one of ${SEVERITIES.join(', ')}`);
  const title = requireFlag(args, 'title');
  const sql = requireFlag(args, 'sql');
  const dir = requireFlag(args, 'case');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    const page = await core.call('query.run', { sql, params: params(args) });
    if (page.message) throw new CairnError('BAD_REQUEST', 'the statement returned no rows to make a finding from');
    const f = await core.call('finding.create', { queryId: page.queryId, all: true, title, severity, description: flag(args, 'description'), attack: flag(args, 'attack'), tags: args.flags.get('tag') ?? [], note: flag(args, 'note') });
    await core.call('query.close', { queryId: page.queryId });
    if (flag(args, 'json')) io.out(JSON.stringify({ id: f.id, title: f.title, severity: f.severity, rows: f.rowCount, rowsWithoutProvenance: f.rowsWithoutProvenance, tags: f.tags.map((t) => t.name) }) + '\n');
    else io.out(`finding ${f.id} recorded: ${f.rowCount} row(s)${f.rowsWithoutProvenance ? `, ${f.rowsWithoutProvenance} without provenance (select _evidence_id and _ordinal to trace rows to evidence)` : ''}\n`);
    return 0;
  });
}

/** cairn report --case DIR --out FILE.(html|pdf|md|json): the format comes from the extension. */
export async function reportCommand(args: ParsedArgs, io: Out): Promise<number> {
  const out = requireFlag(args, 'out');
  const format = extname(out).slice(1).toLowerCase() as ReportFormat;
  if (!['html', 'pdf', 'md', 'json'].includes(format)) throw new CairnError('BAD_REQUEST', '--out must end in .html, .pdf, .md or .json');
  const dir = requireFlag(args, 'case');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    // host 'cli': the report goes where --out says (policy/export-path.ts).
    const r = await core.call('report.export', { format, path: out });
    io.out(`${r.path}\n${r.sha256Path}  sha256 ${r.sha256}\n`);
    for (const x of r.evidenceChecks.filter((k) => k.status !== 'verified')) io.err(`evidence #${x.evidenceId} ${x.relPath}: ${x.status.toUpperCase()}${x.error ? ` (${x.error})` : ''}\n`);
    // The report was written, but some evidence file or evidence row did not verify: exit 4 (integrity).
    return r.integrityProblems > 0 ? 4 : 0;
  });
}
