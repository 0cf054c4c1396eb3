// The examiner fields and chain-of-custody records a court report carries (#26), in case.sqlite: the examiner's
// details in `meta`, custody in its own append-only table (migration 4). Every change is audited.
import type { CustodyRecord, ExaminerDetails, NewCustodyRecord } from '../../../shared/report';
import { CairnError } from '../errors';
import type { CaseStore } from './case-store';

const DETAIL_KEYS = { name: 'examiner', qualifications: 'examiner_qualifications', limitations: 'examiner_limitations', summary: 'executive_summary' } as const;
const MAX_TEXT = 64 * 1024;

interface CustodyRow { id: number; item: string; path: string | null; received_from: string; received_at: string; how: string; received_by: string; notes: string; recorded_at: string }

function examinerDetails(store: CaseStore): ExaminerDetails {
  const m = (k: string): string => store.getMeta(k) ?? '';
  return { name: m(DETAIL_KEYS.name), qualifications: m(DETAIL_KEYS.qualifications), limitations: m(DETAIL_KEYS.limitations), summary: m(DETAIL_KEYS.summary) };
}

/** Sets the fields given (absent ones stay); the examiner's name cannot be emptied. */
function setExaminerDetails(store: CaseStore, d: Partial<ExaminerDetails>): ExaminerDetails {
  const changed: Partial<ExaminerDetails> = {};
  for (const key of Object.keys(DETAIL_KEYS) as Array<keyof ExaminerDetails>) {
    const v = d[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > MAX_TEXT) throw new CairnError('BAD_REQUEST', `${key} must be text of at most ${MAX_TEXT} characters`);
    if (key === 'name' && v.trim() === '') throw new CairnError('BAD_REQUEST', 'the examiner needs a name');
    changed[key] = v;
  }
  store.transaction(() => {
    for (const [key, v] of Object.entries(changed) as Array<[keyof ExaminerDetails, string]>) store.setMeta(DETAIL_KEYS[key], v);
    if (Object.keys(changed).length) store.audit('case.details', changed);
  });
  return examinerDetails(store);
}

function custodyRecords(store: CaseStore): CustodyRecord[] {
  return (store.statement('SELECT * FROM custody ORDER BY id').all() as CustodyRow[]).map(toRecord);
}

/** Appends one custody record; who, from whom, when and how are required (a court asks for each). */
function addCustodyRecord(store: CaseStore, r: NewCustodyRecord): CustodyRecord {
  const required: Array<[string, unknown]> = [['item', r.item], ['receivedFrom', r.receivedFrom], ['receivedAt', r.receivedAt], ['how', r.how], ['receivedBy', r.receivedBy]];
  for (const [k, v] of required) if (typeof v !== 'string' || v.trim() === '') throw new CairnError('BAD_REQUEST', `a custody record needs ${k}`);
  for (const [k, v] of [...required, ['path', r.path], ['notes', r.notes]] as Array<[string, unknown]>) {
    if (typeof v === 'string' && v.length > MAX_TEXT) throw new CairnError('BAD_REQUEST', `${k} is longer than ${MAX_TEXT} characters`);
  }
  return store.transaction(() => {
    const info = store.statement('INSERT INTO custody (item, path, received_from, received_at, how, received_by, notes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.item, r.path ?? null, r.receivedFrom, r.receivedAt, r.how, r.receivedBy, r.notes ?? '', new Date().toISOString());
    const rec = toRecord(store.statement('SELECT * FROM custody WHERE id = ?').get(Number(info.lastInsertRowid)) as CustodyRow);
    store.audit('custody.added', rec);
    return rec;
  });
}

function toRecord(r: CustodyRow): CustodyRecord {
  return { id: r.id, item: r.item, path: r.path, receivedFrom: r.received_from, receivedAt: r.received_at, how: r.how, receivedBy: r.received_by, notes: r.notes, recordedAt: r.recorded_at };
}

/** The examiner's details and the chain of custody of one open case (Case.examiner). */
export class ExaminerRecords {
  constructor(private readonly store: CaseStore) {}
  details(): ExaminerDetails { return examinerDetails(this.store); }
  setDetails(d: Partial<ExaminerDetails>): ExaminerDetails { return setExaminerDetails(this.store, d); }
  custody(): CustodyRecord[] { return custodyRecords(this.store); }
  addCustody(r: NewCustodyRecord): CustodyRecord { return addCustodyRecord(this.store, r); }
}
