import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { OWN, count, importFiles, openHarness, rows, stage } from '../../helpers/cloudtrail-helpers';

test('a gzipped Records file imports like the plain one; pretty and compact give identical rows', async () => {
  const h = await openHarness();
  try {
    const gz = join(h.dir, 'records.json.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(OWN, 'records-compact.json'))));
    const files = [await stage(h, join(OWN, 'records-pretty.json')), await stage(h, join(OWN, 'records-compact.json')), await stage(h, gz)];
    const results = await importFiles(h, files);
    for (const r of results) assert.deepEqual([r.recordsRead, r.imported, r.rejected, r.error], [3, 3, 0, undefined]);
    const cols = `eventid, eventname, eventtime, event_ts, useridentity, resources, tlsdetails, requestparameters::VARCHAR AS rp, _raw::VARCHAR AS raw, _ordinal`;
    const a = await rows(h.conn, `SELECT ${cols} FROM cloudtrail WHERE _evidence_id = 1 ORDER BY _ordinal`);
    const b = await rows(h.conn, `SELECT ${cols} FROM cloudtrail WHERE _evidence_id = 2 ORDER BY _ordinal`);
    const c = await rows(h.conn, `SELECT ${cols} FROM cloudtrail WHERE _evidence_id = 3 ORDER BY _ordinal`);
    assert.equal(a.length, 3);
    assert.deepEqual(a, b);
    assert.deepEqual(b, c);
    assert.deepEqual(a.map((r) => r._ordinal), ['1', '2', '3']);
  } finally { await h.close(); }
});

test('struct fields are reachable with the Athena names; unknown fields stay queryable in _raw', async () => {
  const h = await openHarness();
  try {
    await importFiles(h, [await stage(h, join(OWN, 'records-compact.json'))]);
    const r = await rows(h.conn, `SELECT useridentity.arn AS arn, useridentity.sessioncontext.sessionissuer.arn AS issuer,
        useridentity.sessioncontext.sourceidentity AS srcid, useridentity.sessioncontext.attributes.mfaauthenticated AS mfa,
        useridentity.sessioncontext.webidfederationdata.attributes['aud'] AS aud, tlsdetails.tlsversion AS tls,
        resources[1].arn AS res, sourceipaddress, requestid, eventtime, event_ts, readonly,
        requestparameters->>'$.instancesSet.items[0].instanceId' AS inst,
        _raw->>'$.cairnUnknownField.nested' AS unknown
      FROM cloudtrail ORDER BY _ordinal`);
    assert.equal(r[0]?.arn, 'arn:aws:iam::777788889999:user/Nikki');
    assert.equal(r[1]?.issuer, 'arn:aws:iam::777788889999:role/Admin');
    assert.equal(r[1]?.srcid, 'alice@example.com');
    assert.equal(r[1]?.mfa, 'true');
    assert.equal(r[1]?.aud, 'sts.amazonaws.com');
    assert.equal(r[2]?.tls, 'TLSv1.3');
    assert.equal(r[2]?.res, 'arn:aws:ec2:us-east-1:777788889999:instance/i-EXAMPLE56126103cb');
    assert.equal(r[2]?.unknown, 'kept');
    assert.equal(r[0]?.unknown, null);
    assert.equal(r[0]?.sourceipaddress, '192.0.2.0');
    assert.equal(r[0]?.eventtime, '2023-07-19T21:11:20Z');
    assert.equal(r[0]?.event_ts, '2023-07-19 21:11:20');
    assert.equal(r[0]?.inst, 'i-EXAMPLE56126103cb');
    assert.ok(String(r[0]?.requestid).length > 0);
    const t = await rows(h.conn, `SELECT data_type FROM information_schema.columns WHERE table_name = 'cloudtrail' AND column_name IN ('readonly', 'event_ts', '_raw', '_ordinal', '_evidence_id') ORDER BY column_name`);
    assert.deepEqual(t.map((x) => x.data_type), ['INTEGER', 'BIGINT', 'VARCHAR', 'TIMESTAMP', 'VARCHAR']);
    // _raw is text (VARCHAR), and every record's text is one JSON object.
    assert.equal(await count(h.conn, `SELECT count(*) FILTER (WHERE NOT json_valid(_raw) OR json_type(_raw) <> 'OBJECT') FROM cloudtrail`), 0);
  } finally { await h.close(); }
});

test('stored columns keep the compression the import was measured with: ZSTD for _raw, none for the ids', async () => {
  // USING COMPRESSION in schema.sql; a schema rewrite that drops it still imports, only slower (or bigger).
  const h = await openHarness();
  try {
    await importFiles(h, [await stage(h, join(OWN, 'records-compact.json'))]);
    await h.conn.run('CHECKPOINT');
    const r = await rows(h.conn, `SELECT column_name, string_agg(DISTINCT compression, ',') AS compression
      FROM pragma_storage_info('cloudtrail') WHERE column_name IN ('_raw', 'eventid', 'requestid') AND segment_type = 'VARCHAR'
      GROUP BY column_name ORDER BY column_name`);
    assert.deepEqual(r.map((x) => `${String(x.column_name)}:${String(x.compression)}`), ['_raw:ZSTD', 'eventid:Uncompressed', 'requestid:Uncompressed']);
  } finally { await h.close(); }
});

test('JSON lines: a malformed line is rejected with its line number and the counts add up', async () => {
  const h = await openHarness();
  try {
    const [r] = await importFiles(h, [await stage(h, join(OWN, 'lines-with-bad-line.jsonl'))]);
    assert.deepEqual([r?.recordsRead, r?.imported, r?.rejected, r?.error], [6, 3, 3, undefined]);
    const rej = await rows(h.conn, `SELECT ordinal, line, reason, raw FROM cairn_rejects ORDER BY line`);
    assert.deepEqual(rej.map((x) => [x.ordinal, x.line]), [['2', '2'], ['4', '5'], ['5', '6']]);
    assert.match(String(rej[0]?.reason), /^malformed JSON/);
    assert.match(String(rej[1]?.reason), /array, not an object/);
    assert.match(String(rej[2]?.reason), /not a CloudTrail record/);
    assert.equal(rej[0]?.raw, readFileSync(join(OWN, 'lines-with-bad-line.jsonl'), 'utf8').split('\n')[1]);
    // Ordinals count records, not lines: the blank line 4 is not a record.
    const ok = await rows(h.conn, 'SELECT _ordinal FROM cloudtrail ORDER BY _ordinal');
    assert.deepEqual(ok.map((x) => x._ordinal), ['1', '3', '6']);
  } finally { await h.close(); }
});

test('event history export: the parsed CloudTrailEvent is imported, a broken one rejected', async () => {
  const h = await openHarness();
  try {
    const f = await stage(h, join(OWN, 'event-history.json'));
    assert.equal(f.detection.format, 'cloudtrail');
    const [r] = await importFiles(h, [f]);
    assert.deepEqual([r?.recordsRead, r?.imported, r?.rejected, r?.error], [4, 3, 1, undefined]);
    const got = await rows(h.conn, `SELECT _ordinal, eventid, useridentity.username AS u, _raw->>'$.CloudTrailEvent' AS wrapper FROM cloudtrail ORDER BY _ordinal`);
    assert.deepEqual(got.map((x) => x._ordinal), ['1', '2', '4']);
    assert.equal(got[0]?.u, 'Nikki');
    assert.equal(got[0]?.wrapper, null); // _raw is the CloudTrail event itself, not the Events wrapper
    const rej = await rows(h.conn, 'SELECT ordinal, reason FROM cairn_rejects');
    assert.equal(rej[0]?.ordinal, '3');
    assert.match(String(rej[0]?.reason), /CloudTrailEvent is not valid JSON/);
  } finally { await h.close(); }
});

test('bare arrays and a single pretty-printed record import', async () => {
  const h = await openHarness();
  try {
    const res = await importFiles(h, [await stage(h, join(OWN, 'bare-array.json')), await stage(h, join(OWN, 'single-record.json'))]);
    assert.deepEqual(res.map((r) => [r.recordsRead, r.imported, r.rejected, r.error]), [[2, 2, 0, undefined], [1, 1, 0, undefined]]);
  } finally { await h.close(); }
});

test('partition columns come from an AWSLogs key, otherwise from the record', async () => {
  const h = await openHarness();
  try {
    const rel = 'AWSLogs/o-exampleorg1/111122223333/CloudTrail/eu-west-1/2024/03/05/111122223333_CloudTrail_eu-west-1_20240305T0000Z_EXAMPLE.json';
    const keyed = await stage(h, join(OWN, rel), rel);
    const plain = await stage(h, join(OWN, 'records-compact.json'));
    await importFiles(h, [keyed, plain]);
    const cols = `region, "year", "month", "day", "timestamp", date_partition, region_partition, account_partition`;
    const [k] = await rows(h.conn, `SELECT ${cols} FROM cloudtrail WHERE _evidence_id = ${keyed.evidenceId}`);
    assert.deepEqual(k, { region: 'eu-west-1', year: '2024', month: '03', day: '05', timestamp: '2024/03/05', date_partition: '2024/03/05', region_partition: 'eu-west-1', account_partition: '111122223333' });
    const [p] = await rows(h.conn, `SELECT ${cols} FROM cloudtrail WHERE _evidence_id = ${plain.evidenceId} AND _ordinal = 1`);
    assert.deepEqual(p, { region: 'us-east-1', year: '2023', month: '07', day: '19', timestamp: '2023/07/19', date_partition: '2023/07/19', region_partition: 'us-east-1', account_partition: '777788889999' });
  } finally { await h.close(); }
});
