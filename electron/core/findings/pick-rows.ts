import { MAX_FINDING_ROWS, type RowSelection } from '../../../shared/findings';
import { CairnError } from '../errors';
import type { QueryEngine } from '../query/query-engine';
import type { PickedRows } from './findings-store';

/**
 * Reads the rows a finding is made of from an open result: the offsets the analyst selected (in the sort
 * the grid showed) or the whole result, at most MAX_FINDING_ROWS, with the query's text and parameters.
 */
export async function pickRows(engine: QueryEngine, sel: RowSelection): Promise<PickedRows> {
  if (!!sel.all === (sel.rows !== undefined)) throw new CairnError('BAD_REQUEST', 'give either rows (offsets in the result) or all: true');
  const source = engine.source(sel.queryId);
  if (!engine.cache(sel.queryId)) throw new CairnError('BAD_REQUEST', 'this statement returned no rows to make a finding from');
  // Reading one row past the cap tells whether the result is too big without reading all of it.
  const probe = await engine.page(sel.queryId, MAX_FINDING_ROWS, 1);
  const columns = probe.columns;
  const total = probe.rowCount;
  if (sel.all) {
    if (total > MAX_FINDING_ROWS) {
      throw new CairnError('BAD_REQUEST', `the result has more than ${MAX_FINDING_ROWS} rows; a finding takes at most ${MAX_FINDING_ROWS}. Narrow the query or select rows`);
    }
    const rows = total === 0 ? [] : (await engine.page(sel.queryId, 0, total, sel.sort)).rows;
    return { ...source, columns, rows };
  }
  const offsets = [...new Set(sel.rows)].sort((a, b) => a - b);
  if (offsets.length === 0) throw new CairnError('BAD_REQUEST', 'select at least one row');
  if (offsets.length > MAX_FINDING_ROWS) throw new CairnError('BAD_REQUEST', `a finding takes at most ${MAX_FINDING_ROWS} rows at a time (${offsets.length} selected)`);
  for (const o of offsets) if (!Number.isSafeInteger(o) || o < 0) throw new CairnError('BAD_REQUEST', `row offsets are whole numbers from 0 (got ${o})`);
  const rows: unknown[][] = [];
  for (const [start, length] of contiguousRuns(offsets)) {
    const page = await engine.page(sel.queryId, start, length, sel.sort);
    if (page.rows.length < length) throw new CairnError('BAD_REQUEST', `row ${start + page.rows.length} is not in this result (it has ${page.rowCount} rows)`);
    rows.push(...page.rows);
  }
  return { ...source, columns, rows };
}

/** [start, length] for each run of consecutive offsets (sorted input): one page read per run. */
export function contiguousRuns(sorted: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const o of sorted) {
    const last = runs.at(-1);
    if (last && last[0] + last[1] === o) last[1]++;
    else runs.push([o, 1]);
  }
  return runs;
}
