// Generates (or reuses) the benchmark data set: CloudTrail under <out>/cloudtrail/AWSLogs/... and VPC flow
// logs under <out>/flowlogs/AWSLogs/...; a manifest per kind records what was generated, so a second run
// with the same size and seed reuses the files instead of writing them again.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCloudTrail, type FileSizes } from './generate-cloudtrail';
import { generateFlowLogs } from './generate-flowlogs';
import type { GeneratedFiles } from './gzip-writer';
import { Rng } from './rng';

/** Bump when the generated content changes, so stale data sets are rebuilt. */
const GENERATOR_VERSION = 1;

export interface DataSet extends GeneratedFiles { dir: string; reused: boolean; generateMs: number }

/** sizes: CloudTrail's file sizes; a `mixed` set has a folder of its own, so it does not replace the uniform one. */
export async function ensureData(out: string, kind: 'cloudtrail' | 'flowlogs', records: number, seed: number, sizes: FileSizes = 'uniform'): Promise<DataSet> {
  const name = kind === 'cloudtrail' && sizes !== 'uniform' ? `${kind}-${sizes}` : kind;
  const dir = join(out, name);
  const manifestPath = join(out, `${name}.manifest.json`);
  const want = { generator: GENERATOR_VERSION, kind, records, seed, ...(name !== kind ? { sizes } : {}) };
  if (existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof want & GeneratedFiles;
      if (m.generator === want.generator && m.records === records && m.seed === seed && existsSync(dir)) {
        return { dir, reused: true, generateMs: 0, files: m.files, records: m.records, rawBytes: m.rawBytes, gzBytes: m.gzBytes, ...(m.maxFileRawBytes ? { maxFileRawBytes: m.maxFileRawBytes } : {}) };
      }
    } catch { /* unreadable manifest: regenerate */ }
  }
  rmSync(manifestPath, { force: true });
  rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  // Each kind has its own stream of numbers, so changing one size leaves the other's files unchanged.
  const rng = new Rng(seed ^ (kind === 'cloudtrail' ? 0x0c7a11 : 0xf10e));
  const made = kind === 'cloudtrail' ? await generateCloudTrail(dir, records, rng, sizes) : await generateFlowLogs(dir, records, rng);
  const generateMs = performance.now() - t0;
  writeFileSync(manifestPath, JSON.stringify({ ...want, ...made }, null, 2));
  return { dir, reused: false, generateMs, ...made };
}
