import type { CoverageLedger } from '../../shared/coverage';
import { csvRow, jsonReplacer } from '../../shared/csv';
import { withCore } from './core-client';
import { CairnError } from '../core/errors';
import { flag, requireFlag, type ParsedArgs } from './args';
import { formatTable } from './format-table';

type Out = { out: (s: string) => void; err: (s: string) => void };

/** cairn coverage --case DIR [--format table|csv|json]: the coverage and gap ledger. */
export async function coverageCommand(args: ParsedArgs, io: Out): Promise<number> {
  const format = flag(args, 'format') ?? (flag(args, 'json') ? 'json' : 'table');
  if (!['table', 'csv', 'json'].includes(format)) throw new CairnError('BAD_REQUEST', `--format must be table, csv or json (got ${format})`);
  const dir = requireFlag(args, 'case');
  return withCore({}, async (core) => {
    await core.call('case.open', { dir });
    const l = await core.call('coverage.get', {});
    if (format === 'json') io.out(JSON.stringify(l, jsonReplacer, 2) + '\n');
    else if (format === 'csv') for (const row of ledgerRows(l)) io.out(csvRow(row));
    else io.out(describeLedger(l));
    return 0;
  });
}

/**
 * The ledger hour by hour: every hour of every stream's window (an hour with events, or a gap), then the
 * digest-attested empty hours, each with its status. The header row first.
 */
export function ledgerRows(l: CoverageLedger): unknown[][] {
  const rows: unknown[][] = [['source', 'account', 'region', 'hour', 'status', 'events', 'files', 'first_event', 'last_event']];
  const gapsBy = new Map<string, typeof l.gaps>();
  for (const g of l.gaps.filter((x) => x.reason === 'no-events')) {
    const k = `${g.source}|${g.account}|${g.region}`;
    gapsBy.set(k, [...(gapsBy.get(k) ?? []), g]);
  }
  let prev = '';
  const flushGaps = (k: string, before: string | null): void => {
    const list = gapsBy.get(k) ?? [];
    while (list.length && (before === null || list[0]!.from < before)) {
      const g = list.shift()!;
      for (let h = Date.parse(g.from); h < Date.parse(g.to); h += 3_600_000) rows.push([g.source, g.account, g.region, new Date(h).toISOString().replace('.000Z', 'Z'), 'gap', 0, 0, '', '']);
    }
  };
  for (const c of l.cells) {
    const k = `${c.source}|${c.account}|${c.region}`;
    if (prev && k !== prev) flushGaps(prev, null);
    flushGaps(k, c.hour);
    rows.push([c.source, c.account, c.region, c.hour, 'events', c.events, c.files, c.first, c.last]);
    prev = k;
  }
  if (prev) flushGaps(prev, null);
  for (const g of l.gaps.filter((x) => x.reason === 'digest-empty')) rows.push([g.source, g.account, g.region, g.from, 'digest-empty', 0, 0, '', '']);
  return rows;
}

function describeLedger(l: CoverageLedger): string {
  const parts: string[] = [];
  parts.push('Coverage (per source, account and region)\n' + formatTable(['source', 'account', 'region', 'first event', 'last event', 'hours', 'with events', 'gap hours', 'events', 'files', 'undated'],
    l.streams.map((s) => [s.source, s.account || '(none)', s.region || '(none)', s.first, s.last, s.hours, s.hoursWithEvents, s.gapHours, s.events, s.files, s.undated])));
  parts.push(`Gaps (${l.gaps.length})\n` + (l.gaps.length ? formatTable(['source', 'account', 'region', 'from', 'to', 'hours', 'reason'],
    l.gaps.map((g) => [g.source, g.account, g.region, g.from, g.to, g.hours, g.reason === 'digest-empty' ? `digest #${g.evidenceId} lists no log files` : 'no events'])) : 'none'));
  parts.push(`Logging turned off or reduced (${l.windows.length})\n` + (l.windows.length ? formatTable(['kind', 'account', 'region', 'target', 'from', 'to', 'by', 'event', 'evidence'],
    l.windows.map((w) => [w.kind, w.account, w.region, w.target, w.from, w.to ?? 'still ' + w.kind, w.start.actor, w.start.eventName, `#${w.start.evidenceId} record ${w.start.ordinal}`])) : 'none'));
  const failed = l.changes.filter((c) => c.errorCode);
  if (failed.length) parts.push(`Failed attempts (${failed.length})\n` + formatTable(['at', 'event', 'account', 'target', 'by', 'error', 'evidence'],
    failed.map((c) => [c.at, c.eventName, c.account, c.target, c.actor, c.errorCode, `#${c.evidenceId} record ${c.ordinal}`])));
  return parts.join('\n\n') + `\n\n(computed in ${l.elapsedMs} ms)\n`;
}
