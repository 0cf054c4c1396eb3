import { CairnError } from '../../errors';
import { caseFileTarget } from '../../policy/export-path';
import { exportResult } from '../../query/export-result';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

type QueryMethods = 'schema.tables' | 'schema.functions' | 'query.run' | 'query.page' | 'query.complete' | 'query.cancel'
  | 'query.close' | 'query.export' | 'query.history' | 'library.list';

/** Analyst SQL on the open case: schema, runs and pages, exports, history and the shipped library. */
export function queryHandlers(s: CoreSession): Pick<Handlers, QueryMethods> {
  return {
    'schema.tables': () => s.need().describeSchema(),
    'schema.functions': () => s.need().functions(),
    'query.run': ({ sql, params, pageSize, timeoutMs, queryId }) => s.need().queries.run(sql, { params, pageSize, timeoutMs, queryId }),
    'query.page': ({ queryId, offset, limit, sort }) => s.need().queries.page(queryId, offset, limit, sort),
    'query.complete': ({ queryId }) => s.need().queries.complete(queryId),
    'query.cancel': ({ queryId }) => s.need().queries.cancel(queryId),
    'query.close': ({ queryId }) => s.need().queries.close(queryId),
    'query.export': async ({ queryId, format, path }) => {
      const c = s.need();
      const cache = c.queries.cache(queryId);
      if (!cache) throw new CairnError('BAD_REQUEST', 'this statement returned no rows to export');
      // Always inside the case, whoever asks: no command writes query exports elsewhere.
      const target = caseFileTarget('case-folder', { caseDir: c.dir, folder: 'exports', requested: path, ext: format, noun: 'export', defaultStem: 'result' }).path;
      const { rows, bytes } = await exportResult(cache, format, target);
      c.audit('query.exported', { queryId, format, path: target, rows, bytes });
      return { path: target, rows, bytes };
    },
    'query.history': ({ limit, search }) => s.need().queryHistory(limit ?? 200, search),
    'library.list': () => s.host.library,
  };
}
