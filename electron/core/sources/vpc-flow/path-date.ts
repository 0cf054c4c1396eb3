// Athena partitions flow logs by the S3 delivery date in the object key. When the evidence kept that
// key (AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/, or Hive-style year=/month=/day=), the
// `date` column is that date; otherwise it is the UTC date of each record's `start`.

const S3_PREFIX = /AWSLogs\/(?:o-[a-z0-9]+\/)?\d{12}\/vpcflowlogs\/[a-z0-9-]+\/(\d{4})\/(\d{2})\/(\d{2})(?:\/|$)/;
const HIVE_PREFIX = /(?:^|\/)year=(\d{4})\/month=(\d{2})\/day=(\d{2})(?:\/|$)/;

/** `YYYY-MM-DD` from the evidence path, or null. Paths are hints: the date must be a real date. */
export function dateFromPath(...paths: string[]): string | null {
  for (const p of paths) {
    const path = p.replace(/\\/g, '/');
    const m = S3_PREFIX.exec(path) ?? HIVE_PREFIX.exec(path);
    if (!m) continue;
    const [, y, mo, d] = m;
    const iso = `${y}-${mo}-${d}`;
    const t = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(t.getTime()) && t.toISOString().startsWith(iso)) return iso;
  }
  return null;
}

/** SQL for the `date` column: the path date as a literal (validated digits), else derived from `start`. */
export function dateSql(pathDate: string | null, startColumn: string | null): string {
  if (pathDate) return `DATE '${pathDate}'`;
  if (!startColumn) return 'CAST(NULL AS DATE)';
  // Plain epoch arithmetic: no time zone involved, and no overflow on a hostile `start`.
  return `CASE WHEN ${startColumn} BETWEEN 0 AND 253402300799 THEN DATE '1970-01-01' + CAST(${startColumn} // 86400 AS INTEGER) END`;
}

