import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toErrorInfo, CairnError } from '../../errors';
import { EXPORT_MANIFEST, exportParquet } from '../../export/parquet-export';
import type { Handlers } from '../dispatcher';
import type { CoreSession } from '../session';

type ExportMethods = 'export.parquet' | 'export.cancel';

/** A new folder of the case's exports/ folder: a page names the folder, never a path (like query.export's files). */
export function parquetExportFolder(caseDir: string, requested: string | undefined, now = new Date()): string {
  const exports = join(caseDir, 'exports');
  const name = requested?.trim() || `parquet-${now.toISOString().replace(/[:.]/g, '-')}`;
  if (!/^[\w.-]{1,128}$/.test(name) || name.startsWith('.')) throw new CairnError('BAD_REQUEST', `an export folder's name may use letters, digits, dot, dash and underscore (it is made in ${exports})`);
  const dir = join(exports, name);
  if (existsSync(dir)) throw new CairnError('BAD_REQUEST', `${dir} already exists; choose another name`);
  mkdirSync(exports, { recursive: true });
  return dir;
}

/** Parquet export of the open case in the background, with progress and cancel like an import. */
export function exportHandlers(s: CoreSession): Pick<Handlers, ExportMethods> {
  return {
    'export.parquet': ({ name, location }) => {
      const c = s.need();
      const outDir = s.host.reportPaths === 'as-given' && name ? resolve(name) : parquetExportFolder(c.dir, name);
      const exportId = s.exports.start(async (id, signal) => {
        try {
          const summary = await exportParquet(c, outDir, { signal, ...(location ? { location } : {}), onProgress: (p) => s.emit('export.progress', { exportId: id, ...p }) });
          s.emit('export.finished', { exportId: id, summary, manifestPath: join(outDir, EXPORT_MANIFEST) });
        } catch (e) {
          s.emit('export.failed', { exportId: id, error: toErrorInfo(e) });
        }
      });
      return { exportId, outDir };
    },
    'export.cancel': ({ exportId }) => s.exports.cancel(exportId),
  };
}
