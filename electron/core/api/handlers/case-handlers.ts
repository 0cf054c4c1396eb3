import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Case } from '../../case/case';
import { CairnError } from '../../errors';
import { demoCase } from '../../policy/demo-case';
import { TOOL_VERSION } from '../../version';
import type { Handlers } from '../dispatcher';
import { startImport } from './evidence-handlers';
import type { CoreSession } from '../session';

type CaseMethods = 'app.info' | 'case.create' | 'case.open' | 'case.openDemo' | 'case.current' | 'case.close' | 'case.recent'
  | 'dialog.openEvidence' | 'dialog.chooseCaseFolder';

/** The app and its cases: one open at a time, the recent list, the demo case, and the host's native dialogs. */
export function caseHandlers(s: CoreSession): Pick<Handlers, CaseMethods> {
  const dialogs = () => {
    if (!s.host.dialogs) throw new CairnError('BAD_REQUEST', 'native dialogs are only available in the desktop app; type the path instead');
    return s.host.dialogs;
  };
  return {
    'app.info': () => ({ toolVersion: TOOL_VERSION, host: s.host.kind === 'electron' ? 'electron' : 'loopback', nativeDialogs: !!s.host.dialogs }),
    'case.create': ({ dir, name, examiner }) => {
      if (!name.trim() || !examiner.trim()) throw new CairnError('BAD_REQUEST', 'a case needs a name and an examiner');
      if (existsSync(join(resolve(dir), 'case.sqlite'))) throw new CairnError('CASE_EXISTS', `${dir} already holds a case; open it instead`);
      return s.switchTo(() => Case.open(dir, { create: { name: name.trim(), examiner: examiner.trim() } }));
    },
    'case.open': ({ dir }) => s.switchTo(() => Case.open(dir)),
    'case.openDemo': async () => {
      const demo = demoCase(s.host.dataDir, s.host.resourcesDir);
      const info = await s.switchTo(() => Case.open(demo.dir, { create: demo.create }));
      if (demo.needsImport) await (await startImport(s, demo.evidence)).done;
      return info;
    },
    'case.current': () => s.currentCase()?.info() ?? null,
    'case.close': () => s.closeCurrent(),
    'case.recent': () => s.host.recent.list(),
    'dialog.openEvidence': ({ folders }) => dialogs().openEvidence(folders),
    'dialog.chooseCaseFolder': () => dialogs().chooseCaseFolder(),
  };
}
