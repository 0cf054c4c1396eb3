// Writes benchmark VPC Flow Logs in the default (v2) text format, as S3 delivers them:
// AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/<account>_vpcflowlogs_<region>_<flow-log-id>_<stamp>_<hash>.log.gz,
// a header line then ~50k records per file: web traffic in, east-west traffic, egress, DNS, ICMP,
// port scans that are REJECTed, and NODATA/SKIPDATA records for idle or overloaded interfaces.
import { AsciiBuffer } from './ascii-buffer';
import type { Rng } from './rng';
import { ACCOUNTS, REGIONS, SUSPECT_IP, publicIp } from './cloudtrail-world';
import { compactStamp, GzipWriter, isoSeconds, meanSized, type GeneratedFiles } from './gzip-writer';

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const START_S = Date.UTC(2024, 2, 1, 0, 0, 0) / 1000;
const SLOT_S = 10 * 60;
const ENIS_PER_ACCOUNT = 40;

type Kind = 'web' | 'east-west' | 'egress' | 'dns' | 'icmp' | 'scan' | 'suspect' | 'nodata' | 'skipdata';
const KINDS: readonly (readonly [number, Kind])[] = [
  [38, 'web'], [25, 'east-west'], [15, 'egress'], [8, 'dns'], [1.5, 'icmp'], [9, 'scan'], [0.3, 'suspect'], [3, 'nodata'], [0.2, 'skipdata'],
];
const SCAN_PORTS = [22, 23, 25, 445, 1433, 3306, 3389, 5900, 6379, 8080, 9200];
const INTERNAL_PORTS = [5432, 6379, 8080, 9092, 443, 2049];

export async function generateFlowLogs(outDir: string, totalLines: number, rng: Rng): Promise<GeneratedFiles> {
  const writer = new GzipWriter(outDir);
  const combos = ACCOUNTS.flatMap((account) => REGIONS.map((region) => ({ account, region, flowLogId: `fl-0${rng.hex(16)}` })));
  const enis = new Map(ACCOUNTS.map((a) => [a, Array.from({ length: ENIS_PER_ACCOUNT }, () => `eni-0${rng.hex(16)}`)]));
  let left = totalLines;
  for (let slot = 0; left > 0; slot++) {
    const { account, region, flowLogId } = combos[slot % combos.length]!;
    const fileS = START_S + Math.floor(slot / combos.length) * SLOT_S + rng.int(0, 59);
    const n = Math.min(left, Math.max(1000, meanSized(rng, 50_000)));
    left -= n;
    const accountEnis = enis.get(account)!;
    const out = new AsciiBuffer(n * 110).text(HEADER).byte(NL);
    for (let i = 0; i < n; i++) {
      const start = fileS - SLOT_S + Math.floor(((i + rng.next()) / n) * SLOT_S);
      record(out, rng, account, rng.pick(accountEnis), start);
    }
    const fileMs = fileS * 1000;
    const day = isoSeconds(fileMs).slice(0, 10).replace(/-/g, '/');
    const rel = `AWSLogs/${account}/vpcflowlogs/${region}/${day}/${account}_vpcflowlogs_${region}_${flowLogId}_${compactStamp(fileMs)}_${rng.hex(8)}.log.gz`;
    await writer.write(rel, out.bytes(), n);
  }
  return writer.finish();
}

const vpcIp = (rng: Rng): string => `10.0.${rng.int(0, 31)}.${rng.int(4, 250)}`;
const ephemeral = (rng: Rng): number => rng.int(32768, 65535);

const NL = 0x0a;
const SP = 0x20;

function record(out: AsciiBuffer, rng: Rng, account: string, eni: string, start: number): void {
  const kind = rng.weighted(KINDS);
  const end = start + rng.int(1, 60);
  out.text('2 ').text(account).byte(SP).text(eni);
  if (kind === 'nodata' || kind === 'skipdata') {
    out.text(' - - - - - - - ').int(start).byte(SP).int(end).text(kind === 'nodata' ? ' - NODATA' : ' - SKIPDATA').byte(NL);
    return;
  }
  let src: string, dst: string, sport: number, dport: number, proto: number, packets: number, bytes: number, action: string;
  switch (kind) {
    case 'web':
      src = publicIp(rng); dst = vpcIp(rng); sport = ephemeral(rng); dport = rng.pick([443, 443, 443, 80]); proto = 6;
      packets = rng.int(3, 400); bytes = packets * rng.int(60, 1400); action = rng.chance(0.02) ? 'REJECT' : 'ACCEPT';
      if (rng.chance(0.5)) { [src, dst, sport, dport] = [dst, src, dport, sport]; } // the response direction
      break;
    case 'east-west':
      src = vpcIp(rng); dst = vpcIp(rng); sport = ephemeral(rng); dport = rng.pick(INTERNAL_PORTS); proto = 6;
      packets = rng.int(1, 2000); bytes = packets * rng.int(60, 1500); action = 'ACCEPT';
      break;
    case 'egress':
      src = vpcIp(rng); dst = publicIp(rng); sport = ephemeral(rng); dport = rng.pick([443, 443, 80, 123]); proto = dport === 123 ? 17 : 6;
      packets = rng.int(2, 900); bytes = packets * rng.int(60, 1400); action = 'ACCEPT';
      break;
    case 'dns':
      src = vpcIp(rng); dst = '10.0.0.2'; sport = ephemeral(rng); dport = 53; proto = 17;
      packets = rng.int(1, 4); bytes = packets * rng.int(60, 300); action = 'ACCEPT';
      break;
    case 'icmp':
      src = rng.chance(0.5) ? publicIp(rng) : vpcIp(rng); dst = vpcIp(rng); sport = 0; dport = 0; proto = 1;
      packets = rng.int(1, 10); bytes = packets * 84; action = rng.chance(0.6) ? 'REJECT' : 'ACCEPT';
      break;
    case 'scan':
      src = publicIp(rng); dst = vpcIp(rng); sport = ephemeral(rng); dport = rng.pick(SCAN_PORTS); proto = 6;
      packets = 1; bytes = rng.pick([40, 44, 60]); action = 'REJECT';
      break;
    default: // suspect: the address that also shows up in CloudTrail
      src = SUSPECT_IP; dst = vpcIp(rng); sport = ephemeral(rng); dport = rng.pick([22, 443, 3389]); proto = 6;
      packets = rng.int(1, 50); bytes = packets * rng.int(40, 900); action = rng.chance(0.7) ? 'REJECT' : 'ACCEPT';
  }
  out.byte(SP).text(src).byte(SP).text(dst).byte(SP).int(sport).byte(SP).int(dport).byte(SP).int(proto).byte(SP).int(packets)
    .byte(SP).int(bytes).byte(SP).int(start).byte(SP).int(end).byte(SP).text(action).text(' OK').byte(NL);
}
