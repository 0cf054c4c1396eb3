import { albSource } from './alb';
import { albConnectionSource } from './alb-connection';
import { cloudFrontSource } from './cloudfront';
import { cloudFrontRealtimeSource } from './cloudfront-realtime';
import { cloudTrailSource } from './cloudtrail';
import { cloudWatchSource } from './cloudwatch';
import { configSource } from './config';
import { csvSource } from './csv';
import { elbSource } from './elb';
import { guardDutySource } from './guardduty';
import { networkFirewallSource } from './network-firewall';
import { nlbTlsSource } from './nlb-tls';
import { parquetTableSource } from './parquet-table';
import { probeIsWhole } from './probe-text';
import { recogniseKnownFormat } from './recognised';
import { r53PublicSource } from './r53-public';
import { r53ResolverSource } from './r53-resolver';
import { s3AccessSource } from './s3-access';
import { securityHubSource } from './securityhub';
import { vpcFlowSource } from './vpc-flow';
import { wafSource } from './waf';
import type { FormatCandidate, KnownFormat } from '../../../shared/types';
import type { FormRule } from '../intake/staged-form';
import type { Detection, LogSource, Probe } from './source';

// Every log source Cairn knows. Adding a source: a folder under sources/ and a line in SPECIFIC
// (docs/adding-a-source.md). Order matters only among staged forms (the first rule that takes a file wins).
/** Formats recognised by what they are. */
const SPECIFIC: LogSource[] = [cloudTrailSource, vpcFlowSource, albSource, albConnectionSource, elbSource, nlbTlsSource, s3AccessSource, r53PublicSource,
  cloudFrontSource, cloudFrontRealtimeSource, r53ResolverSource, wafSource, networkFirewallSource, cloudWatchSource, configSource,
  guardDutySource, securityHubSource, parquetTableSource];
/**
 * Formats almost any text could be (CSV): asked only when no specific source claims the file, since a
 * specific format must win anyway, and sniffing every file's head costs (decision 0012).
 */
const CATCH_ALL: LogSource[] = [csvSource];
export const SOURCES: readonly LogSource[] = [...SPECIFIC, ...CATCH_ALL];

/** Sources asked in turn: the catch-all ones only when no specific one claims the file. */
export interface SourceList { specific: readonly LogSource[]; catchAll: readonly LogSource[] }
const REGISTERED: SourceList = { specific: SPECIFIC, catchAll: CATCH_ALL };

/** The staged forms the registered sources asked for (intake/staged-form.ts), for staging. */
/** Every format the analyst may choose (`--as`, the workbench's "Import as…"): each registered source. */
export const KNOWN_FORMATS: readonly KnownFormat[] = SOURCES.map((s) => ({ format: s.id, label: s.label }));

export const STAGED_FORMS: readonly FormRule[] = SOURCES.flatMap((s) => (s.staging?.form ? [s.staging.form] : []));

/** Two formats whose confidence is this close both claim the file: the analyst decides. */
const RIVAL_MARGIN = 0.1;

export interface Detected { source: LogSource; detection: Detection }
/** candidates: the formats that could read the file; offers: each reading with the detector's reason (the manifest keeps them). */
export interface NeedsDecision { needsDecision: string; candidates: string[]; offers: FormatCandidate[] }
export type Decision = Detected | { unsupported: string } | NeedsDecision;

/**
 * Decides a file's format from its content, never by guessing: one specific format that claims it clearly
 * wins; CSV only when it is delimited text with a consistent header and nothing else claims it. Two close
 * claims, or only tentative ones, need the analyst's decision (`chosen`, from `cairn import --as`).
 */
export function detectSource(probe: Probe, sources: SourceList = REGISTERED, chosen?: string): Decision {
  if (probe.size === 0) return { unsupported: 'empty file (0 bytes)' };
  const specific = ask(probe, sources.specific);
  if (chosen) return choose(probe, sources, specific, chosen);
  const decisive = specific.filter((d) => !d.detection.tentative).sort((a, b) => b.detection.confidence - a.detection.confidence);
  const best = decisive[0];
  if (best) {
    const rivals = decisive.filter((d) => d.detection.format !== best.detection.format && d.detection.confidence >= best.detection.confidence - RIVAL_MARGIN);
    return rivals.length === 0 ? best : needsDecision(`${rivals.length + 1} formats claim this file`, [best, ...rivals]);
  }
  const known = recogniseKnownFormat(probe.head, probeIsWhole(probe));
  // A known AWS text format is never offered as CSV.
  if (known) return specific.length ? needsDecision(`${known}; no importer claims it clearly`, specific) : { unsupported: known };
  const catchAll = ask(probe, sources.catchAll);
  const candidates = [...specific, ...catchAll];
  const settled = catchAll.find((d) => !d.detection.tentative);
  if (settled && specific.length === 0) return settled;
  if (candidates.length > 0) return needsDecision(specific.length ? 'no format claims this file clearly' : 'delimited text without a consistent header', candidates);
  return { unsupported: describeUnknown(probe.head) };
}

/** The analyst's choice, when the content can be read that way at all. */
function choose(probe: Probe, sources: SourceList, specific: Detected[], chosen: string): Decision {
  const all = [...specific, ...ask(probe, sources.catchAll)];
  // A source's id names its formats too (vpcflow reads text and Parquet): the choice lists give source ids.
  const pick = all.find((d) => d.detection.format === chosen) ?? all.find((d) => d.source.id === chosen);
  if (pick?.detection.needs) return needsDecision(`cannot be read as ${chosen} yet: ${pick.detection.needs}`, [pick]);
  if (pick) return { source: pick.source, detection: { ...pick.detection, tentative: false, note: `chosen by the analyst (--as ${chosen}): ${pick.detection.note ?? pick.detection.format}` } };
  if (all.length === 0) return { unsupported: `cannot be read as ${chosen}, and no format can read it: ${recogniseKnownFormat(probe.head, probeIsWhole(probe)) ?? describeUnknown(probe.head)}` };
  return needsDecision(`cannot be read as ${chosen}`, all);
}


function needsDecision(why: string, candidates: Detected[]): NeedsDecision {
  const list = candidates.map((d) => `${d.detection.format} (${d.detection.note ?? d.source.label})`);
  const formats = [...new Set(candidates.map((d) => d.detection.format))];
  const hint = formats.length ? `; candidates: ${list.join(' | ')}; import again with --as ${formats.join(' or --as ')}` : '; no format can read it';
  const offers = candidates.map((d) => ({ format: d.detection.format, label: d.source.label, note: d.detection.note ?? null }));
  return { needsDecision: `${why}${hint}`, candidates: formats, offers };
}

function ask(probe: Probe, sources: readonly LogSource[]): Detected[] {
  const out: Detected[] = [];
  for (const source of sources) {
    let d: Detection | null = null;
    try { d = source.detect(probe); } catch { d = null; } // a detector must never sink the import
    if (d) out.push({ source, detection: d });
  }
  return out;
}

function describeUnknown(head: Buffer): string {
  const sample = head.subarray(0, 512);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9) || (b > 13 && b < 32)) control++;
  if (sample.length > 0 && control / sample.length > 0.1) return 'binary content that matches no supported log format';
  const first = head.toString('utf8', 0, Math.min(head.length, 80)).split(/\r?\n/)[0] ?? '';
  return `content matches no supported log format (starts with ${JSON.stringify(first.slice(0, 60))})`;
}
