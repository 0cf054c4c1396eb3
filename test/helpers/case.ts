import { join } from 'node:path';
import { after } from 'node:test';
import { Case } from '../../electron/core/case/case';
import { tempDir } from './temp';

/** A new case in a temp folder, closed when the test file ends. */
export async function newCase(name = 'test case'): Promise<Case> {
  const c = await Case.open(join(tempDir(), 'case'), { create: { name, examiner: 'tester' } });
  after(() => c.close().catch(() => undefined));
  return c;
}

export async function scalar(c: Case, sql: string): Promise<unknown> {
  const r = await c.forImport().conn.runAndReadAll(sql);
  return r.getRowsJS()[0]?.[0];
}
