// Command-line flags of `npm run bench` (after `--`): sizes, output folder, seed, repetitions.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_SIZES, type FileSizes } from './generate-cloudtrail';

export interface BenchFlags {
  cloudtrailEvents: number;
  /** CloudTrail file sizes: `uniform` (~500 events each, the default and the baselines) or `mixed`. */
  cloudtrailSizes: FileSizes;
  flowLines: number;
  out: string;
  seed: number;
  /** Import runs per method; the median wall time and the largest peak RSS are reported. */
  runs: number;
  /** Timed repetitions per query per block. */
  queryReps: number;
  skipQueries: boolean;
  /** Records per log source for the per-source imports (#24); 0 skips them. */
  sourceRecords: number;
  /** Files the per-source records are spread over in the as-delivered shape (gzip). */
  sourceFiles: number;
  keep: boolean;
  quick: boolean;
}

const USAGE = `npm run bench -- [--quick] [--cloudtrail-events N] [--cloudtrail-sizes uniform|mixed] [--flow-lines N] [--out DIR] [--seed N] [--runs N] [--query-reps N] [--skip-queries] [--source-records N] [--source-files N] [--skip-sources] [--keep]`;

export function parseFlags(argv: string[]): BenchFlags {
  const f: BenchFlags = {
    cloudtrailEvents: 1_000_000, cloudtrailSizes: 'uniform', flowLines: 5_000_000, out: join(tmpdir(), 'cairn-bench-data'), seed: 20240301,
    runs: 1, queryReps: 3, skipQueries: false, sourceRecords: 200_000, sourceFiles: 1_000, keep: false, quick: false,
  };
  const explicit = new Set<string>();
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const value = (): string => { const v = argv[++k]; if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`); return v; };
    const num = (): number => { const n = Number(value().replace(/_/g, '')); if (!Number.isFinite(n) || n < 0) throw new Error(`${a} needs a number\n${USAGE}`); return Math.floor(n); };
    switch (a) {
      case '--quick': f.quick = true; break;
      case '--cloudtrail-events': f.cloudtrailEvents = num(); explicit.add('ct'); break;
      case '--cloudtrail-sizes': {
        const v = value();
        if (!(FILE_SIZES as readonly string[]).includes(v)) throw new Error(`${a} is one of ${FILE_SIZES.join(', ')}\n${USAGE}`);
        f.cloudtrailSizes = v as FileSizes;
        break;
      }
      case '--flow-lines': f.flowLines = num(); explicit.add('flow'); break;
      case '--out': f.out = value(); break;
      case '--seed': f.seed = num(); break;
      case '--runs': f.runs = Math.max(1, num()); break;
      case '--query-reps': f.queryReps = Math.max(1, num()); break;
      case '--skip-queries': f.skipQueries = true; break;
      case '--source-records': f.sourceRecords = num(); explicit.add('sources'); break;
      case '--source-files': f.sourceFiles = Math.max(1, num()); explicit.add('sourceFiles'); break;
      case '--skip-sources': f.sourceRecords = 0; explicit.add('sources'); break;
      case '--keep': f.keep = true; break;
      case '--help': case '-h': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: throw new Error(`unknown flag ${a}\n${USAGE}`);
    }
  }
  if (f.quick) {
    if (!explicit.has('ct')) f.cloudtrailEvents = 100_000;
    if (!explicit.has('flow')) f.flowLines = 500_000;
    f.queryReps = Math.min(f.queryReps, 2);
    if (!explicit.has('sources')) f.sourceRecords = 20_000;
    if (!explicit.has('sourceFiles')) f.sourceFiles = 100;
  }
  return f;
}
