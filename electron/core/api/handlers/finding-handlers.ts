import { CairnError } from '../../errors';
import type { Handlers } from '../dispatcher';
import { resultHistogram } from '../../findings/histogram';
import { pickRows } from '../../findings/pick-rows';
import { windowResult } from '../../findings/result-window';
import { resultRowMarks } from '../../findings/row-marks';
import { exportReport } from '../../report/export-report';
import type { CoreSession } from '../session';

type FindingMethods = 'finding.create' | 'finding.addRows' | 'finding.update' | 'finding.delete' | 'finding.list' | 'finding.get'
  | 'tag.list' | 'tag.upsert' | 'note.list' | 'note.save' | 'timeline.events' | 'timeline.histogram' | 'report.export'
  | 'case.details' | 'case.setDetails' | 'custody.list' | 'custody.add'
  | 'timeline.window' | 'finding.marks' | 'workspace.tabs' | 'workspace.saveTabs' | 'case.timeRange';

/** Findings, tags, notes, timeline and the report: the investigation's record, on the open case. */
export function findingHandlers(s: CoreSession): Pick<Handlers, FindingMethods> {
  const need = () => s.need();
  return {
    'finding.create': async ({ queryId, rows, all, sort, note, ...fields }) => {
      const c = need();
      const picked = await pickRows(c.queries, { queryId, rows, all, sort });
      return c.findings.get(c.findings.create(fields, picked, note));
    },
    'finding.addRows': async ({ id, ...sel }) => {
      const c = need();
      c.findings.addRows(id, await pickRows(c.queries, sel));
      return c.findings.get(id);
    },
    'finding.update': (u) => { const c = need(); c.findings.update(u); return c.findings.get(u.id); },
    'finding.delete': ({ id }) => need().findings.remove(id),
    'finding.list': (filter) => need().findings.list(filter),
    'finding.get': ({ id }) => need().findings.get(id),
    'tag.list': () => need().findings.tags.all(),
    'tag.upsert': ({ name, colour }) => need().findings.tags.upsert(name, colour),
    'note.list': ({ findingId }) => need().findings.notes.list(findingId),
    'note.save': (n) => need().findings.notes.save(n),
    'timeline.events': (opts) => need().findings.timeline(opts),
    'timeline.histogram': ({ queryId, column, interval }) => resultHistogram(need().queries, queryId, column, interval),
    // issue #25: histogram windows, finding marks in the grid, saved query tabs, the evidence's time range
    'timeline.window': ({ queryId, ...w }) => windowResult(need().queries, queryId, w),
    'finding.marks': (sel) => { const c = need(); return resultRowMarks(c.queries, c.findings.liveRowKeys(), sel); },
    'workspace.tabs': () => need().queryTabs(),
    'workspace.saveTabs': ({ caseId, ...t }) => {
      const c = need();
      // A save sent just before a case switch must not land in the next case.
      if (c.info().id !== caseId) throw new CairnError('BAD_REQUEST', 'these tabs belong to another case');
      c.saveQueryTabs(t);
    },
    'case.timeRange': () => need().timeRange(),
    'report.export': ({ format, path }) => exportReport(need(), format, { printPdf: s.host.printPdf, pathPolicy: s.host.reportPaths, name: path, resourcesDir: s.host.resourcesDir }),
    'case.details': () => need().examiner.details(),
    'case.setDetails': (d) => need().examiner.setDetails(d),
    'custody.list': () => need().examiner.custody(),
    'custody.add': (r) => need().examiner.addCustody(r),
  };
}
