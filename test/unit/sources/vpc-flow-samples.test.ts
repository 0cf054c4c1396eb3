// The three real samples (test/fixtures/samples/vpcflow, see SOURCES.md) land with the documented counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { vpcFlowSource } from '../../../electron/core/sources/vpc-flow';
import { importFiles, probeOf, rows, SAMPLES, scalar } from '../../helpers/vpc-flow-harness';

const MULTI = join(SAMPLES, 'valid_vpc_flow_log_multi.log');
const NODATA = join(SAMPLES, 'valid_vpc_flow_log.log');
const TGW = join(SAMPLES, 'valid_tgw_flow_log.log');

test('the samples are detected as VPC flow logs with a header', () => {
  for (const p of [MULTI, NODATA, TGW]) {
    const d = vpcFlowSource.detect(probeOf(p));
    assert.equal(d?.format, 'vpcflow', p);
    assert.ok((d?.confidence ?? 0) >= 0.9, p);
    assert.match(d?.note ?? '', /with header/);
  }
});

test('the samples import with the documented record counts, header not counted', async () => {
  const db = await importFiles([MULTI, NODATA, TGW]);
  try {
    assert.deepEqual(db.results.map((r) => [r.recordsRead, r.imported, r.rejected, r.error]), [[2, 2, 0, undefined], [1, 1, 0, undefined], [1, 1, 0, undefined]]);
    const multi = await rows(db.conn, `SELECT _ordinal, srcaddr, dstport, action, account_id, protocol, bytes, start, "end" FROM vpc_flow_logs WHERE _evidence_id = 101 ORDER BY _ordinal`);
    assert.deepEqual(multi, [
      { _ordinal: 2n, srcaddr: '172.31.16.139', dstport: 22, action: 'ACCEPT', account_id: '123456789010', protocol: 6n, bytes: 4249n, start: 1418530010n, end: 1418530070n },
      { _ordinal: 3n, srcaddr: '172.31.9.69', dstport: 3389, action: 'REJECT', account_id: '123456789010', protocol: 6n, bytes: 4249n, start: 1418530010n, end: 1418530070n },
    ]);
    assert.equal(await scalar(db.conn, `SELECT count(*) FROM cairn_rejects`), 0n);
  } finally { db.close(); }
});

test('a NODATA record is kept, its "-" fields NULL', async () => {
  const db = await importFiles([NODATA]);
  try {
    const [r] = await rows(db.conn, `SELECT account_id, interface_id, srcaddr, srcport, packets, action, log_status, start, CAST("date" AS VARCHAR) AS date, "day", _ordinal FROM vpc_flow_logs`);
    assert.deepEqual(r, {
      account_id: '12345678910', interface_id: 'eni-0eb1e4178af74336c', srcaddr: null, srcport: null, packets: null, action: null,
      log_status: 'NODATA', start: 1742570089n, date: '2025-03-21', day: '2025/03/21', _ordinal: 2n,
    });
  } finally { db.close(); }
});

test('the Transit Gateway sample fills the tgw columns and leaves VPC-only columns NULL', async () => {
  const db = await importFiles([TGW]);
  try {
    const [r] = await rows(db.conn, `SELECT version, tgw_id, tgw_attachment_id, tgw_src_eni, tgw_dst_az_id, packets_lost_no_route, packets_lost_ttl_expired,
      tcp_flags, flow_direction, region, "type", interface_id, action FROM vpc_flow_logs`);
    assert.deepEqual(r, {
      version: 6, tgw_id: 'tgw-0abc12345def67890', tgw_attachment_id: 'tgw-attach-0abc12345def67890', tgw_src_eni: 'eni-0abc12345def67890',
      tgw_dst_az_id: 'use1-az2', packets_lost_no_route: 1n, packets_lost_ttl_expired: 4n, tcp_flags: 2, flow_direction: 'ingress',
      region: 'us-east-1', type: 'IPv4', interface_id: null, action: null,
    });
  } finally { db.close(); }
});
