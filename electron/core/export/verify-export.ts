import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { createDuckInstance, quoteLiteral } from '../duck/evidence-db';
import { CairnError } from '../errors';
import { EXPORT_FORMAT, EXPORT_MANIFEST, hashFile, type ExportManifest } from './parquet-export';

export interface ExportCheck {
  ok: boolean;
  files: number;
  rows: number;
  /** One line per problem: a file changed, missing, with other rows, not listed, or the manifest itself changed. */
  problems: string[];
}

/**
 * `cairn verify --export DIR`: the manifest against its .sha256 sidecar, then every Parquet and DDL file it
 * lists (SHA-256, size, and the row count in the Parquet footer), and no Parquet file it does not list.
 */
export async function verifyExport(dirIn: string): Promise<ExportCheck> {
  const dir = resolve(dirIn);
  const manifestPath = join(dir, EXPORT_MANIFEST);
  if (!existsSync(manifestPath)) throw new CairnError('NOT_FOUND', `${dir} holds no ${EXPORT_MANIFEST}: not a Cairn Parquet export`);
  const text = readFileSync(manifestPath);
  const problems: string[] = [];
  const sidecar = join(dir, `${EXPORT_MANIFEST}.sha256`);
  const digest = createHash('sha256').update(text).digest('hex');
  if (!existsSync(sidecar)) problems.push(`${EXPORT_MANIFEST}.sha256 is missing`);
  else if (readFileSync(sidecar, 'utf8').trim().split(/\s+/)[0] !== digest) problems.push(`${EXPORT_MANIFEST} does not match its .sha256 (the manifest was changed)`);
  let manifest: ExportManifest;
  try { manifest = JSON.parse(text.toString('utf8')) as ExportManifest; } catch { return { ok: false, files: 0, rows: 0, problems: [...problems, `${EXPORT_MANIFEST} is not JSON`] }; }
  if (manifest.format !== EXPORT_FORMAT) throw new CairnError('BAD_REQUEST', `${manifestPath} is not a Cairn Parquet export manifest`);
  const instance = await createDuckInstance({ memory_limit: '256MB' });
  const conn = await instance.connect();
  let rows = 0;
  try {
    for (const f of manifest.files) {
      const path = inside(dir, f.path);
      if (!path || !existsSync(path)) { problems.push(`${f.path}: missing`); continue; }
      const { sha256, bytes } = await hashFile(path);
      if (sha256 !== f.sha256 || bytes !== f.bytes) { problems.push(`${f.path}: changed (SHA-256 ${sha256}, manifest ${f.sha256})`); continue; }
      const r = await conn.runAndReadAll(`SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(${quoteLiteral(path)})`);
      const n = Number(r.getRows()[0]![0]);
      if (n !== f.rows) problems.push(`${f.path}: ${n} rows, manifest ${f.rows}`);
      rows += n;
    }
    for (const f of manifest.ddl) {
      const path = inside(dir, f.path);
      if (!path || !existsSync(path)) { problems.push(`${f.path}: missing`); continue; }
      if ((await hashFile(path)).sha256 !== f.sha256) problems.push(`${f.path}: changed`);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const p of parquetFiles(dir)) if (!listed.has(p)) problems.push(`${p}: not in the manifest`);
  return { ok: problems.length === 0, files: manifest.files.length, rows, problems };
}

/** A manifest path resolved inside the export (a path climbing out of it is never followed). */
function inside(dir: string, p: string): string | null {
  const full = resolve(dir, p);
  return full.startsWith(dir + sep) ? full : null;
}

function parquetFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...parquetFiles(p, base));
    else if (e.name.endsWith('.parquet') || (e.isFile() && statSync(p).size >= 4 && isParquet(p))) out.push(relative(base, p).split(sep).join('/'));
  }
  return out;
}

function isParquet(p: string): boolean {
  try {
    const fd = openSync(p, 'r');
    try { const b = Buffer.alloc(4); readSync(fd, b, 0, 4, 0); return b.toString('latin1') === 'PAR1'; } finally { closeSync(fd); }
  } catch { return false; }
}
