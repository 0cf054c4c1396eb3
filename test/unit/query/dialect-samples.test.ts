import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { installCompatViews } from '../../../electron/core/dialect/compat-views';
import { athena, CLOUDTRAIL_DDL, cloudtrailRow, openDialectConn, VPC_FLOW_DDL } from '../../helpers/dialect-harness';

// Published Athena queries, run as written on tables shaped like the Athena DDL.
describe('Athena dialect: published sample queries', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  before(async () => {
    ({ instance, conn } = await openDialectConn());
    await conn.run(CLOUDTRAIL_DDL);
    await conn.run(VPC_FLOW_DDL);
    const events = [
      { time: '2024-06-01T10:00:00Z', source: 's3.amazonaws.com', name: 'GetObject', arn: 'arn:aws:iam::111122223333:user/alice', ip: '198.51.100.7', error: 'AccessDenied', tls: 'TLSv1.2' },
      { time: '2024-06-01T10:01:00Z', source: 's3.amazonaws.com', name: 'PutObject', arn: 'arn:aws:iam::111122223333:user/alice', ip: '198.51.100.7', error: 'AccessDenied', tls: 'TLSv1' },
      { time: '2024-06-01T10:02:00Z', source: 'ec2.amazonaws.com', name: 'RunInstances', arn: 'arn:aws:iam::111122223333:user/mallory', ip: '203.0.113.9', error: 'UnauthorizedOperation', tls: 'TLSv1.1' },
      { time: '2024-06-01T10:03:00Z', source: 'iam.amazonaws.com', name: 'CreateUser', arn: 'arn:aws:iam::111122223333:user/mallory', ip: '203.0.113.9', tls: 'TLSv1.3', params: '{"userName":"backdoor"}' },
      { time: '2024-06-01T10:04:00Z', source: 'ec2.amazonaws.com', name: 'DescribeInstances', arn: 'arn:aws:iam::111122223333:user/bob', ip: '192.0.2.1', error: 'Client.UnauthorizedOperation' },
    ];
    await conn.run(events.map((e, i) => cloudtrailRow(e, i + 1)).join('\n'));
    // 2024-06-02 is a Sunday, 2024-06-03 a Monday.
    await conn.run(`INSERT INTO vpc_flow_logs (version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, start, "end", action, log_status, region, flow_direction, "date", "day", _evidence_id, _ordinal) VALUES
      (2, '011122223333', 'eni-1', '203.0.113.9', '172.16.0.5', 40000, 22, 6, 3, 180, 1717322400, 1717322460, 'REJECT', 'OK', 'us-east-1', 'ingress', DATE '2024-06-02', '2024/06/02', 1, 1),
      (2, '011122223333', 'eni-1', '203.0.113.9', '172.16.0.5', 40001, 3389, 6, 1, 60, 1717408800, 1717408860, 'REJECT', 'OK', 'us-east-1', 'ingress', DATE '2024-06-03', '2024/06/03', 1, 2),
      (2, '011122223333', 'eni-1', '172.16.0.5', '172.20.1.1', 5432, 40002, 6, 10, 9000, 1717408800, 1717408860, 'ACCEPT', 'OK', 'us-east-1', 'egress', DATE '2024-06-03', '2024/06/03', 1, 3),
      (2, '011122223333', 'eni-1', '172.16.0.5', '198.51.100.7', 443, 40003, 17, 1, 80, 1717408800, 1717408860, 'REJECT', 'OK', 'us-east-1', 'egress', DATE '2024-06-03', '2024/06/03', 1, 4),
      (2, '011122223333', 'eni-2', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1717408800, 1717408860, NULL, 'NODATA', 'us-east-1', NULL, DATE '2024-06-03', '2024/06/03', 1, 5)`);
    await installCompatViews(conn);
  });
  after(() => { conn.closeSync(); instance.closeSync(); });

  // Shapes of the AWS post's sample queries on these small tables. The post's exact text ships as
  // resources/queries/post-*-verbatim.sql and is checked against the post in query-library-post.test.ts
  // and against the hunting fixtures in query-library-hunts.ts.
  it('refusals counted per service', async () => {
    const rows = await athena(conn, `SELECT eventSource, COUNT(*) AS TotalEvents
      FROM cloudtrail_logs
      WHERE errorCode in ('AccessDenied','UnauthorizedOperation')
      GROUP BY eventSource
      ORDER BY TotalEvents desc`);
    assert.deepEqual(rows, [{ eventsource: 's3.amazonaws.com', TotalEvents: '2' }, { eventsource: 'ec2.amazonaws.com', TotalEvents: '1' }]);
  });

  it('rejected TCP connections with the day of the week (Athena user guide, VPC flow logs)', async () => {
    const rows = await athena(conn, `SELECT day_of_week(date) AS
        day,
        date,
        interface_id,
        srcaddr,
        action,
        protocol
      FROM vpc_flow_logs
      WHERE action = 'REJECT' AND protocol = 6
      LIMIT 100`);
    const byDay = rows.map((r) => [r.day, r.date]).sort();
    assert.deepEqual(byDay, [['1', '2024-06-03'], ['7', '2024-06-02']]); // Sunday = 7, Monday = 1
  });

  it('calls over outdated TLS versions', async () => {
    const rows = await athena(conn, `SELECT eventSource, COUNT(*) AS numOutdatedTlsCalls
      FROM cloudtrail_logs
      WHERE tlsDetails.tlsVersion IN ('TLSv1', 'TLSv1.1')
      GROUP BY eventSource
      ORDER BY numOutdatedTlsCalls DESC`);
    assert.deepEqual(rows.map((r) => r.eventsource).sort(), ['ec2.amazonaws.com', 's3.amazonaws.com']);
  });

  it('connections from an IP address', async () => {
    const rows = await athena(conn, `SELECT * FROM vpc_flow_logs WHERE srcaddr = '203.0.113.9' ORDER BY start`);
    assert.deepEqual(rows.map((r) => r.dstport), [22, 3389]);
  });

  it("a user's actions (correction: the post compares userIdentity.arn = '%<username>%', which needs LIKE)", async () => {
    const rows = await athena(conn, `SELECT eventTime, eventSource, eventName, sourceIPAddress, errorCode
      FROM cloudtrail_logs
      WHERE userIdentity.arn LIKE '%mallory%'
      ORDER BY eventTime`);
    assert.deepEqual(rows.map((r) => r.eventname), ['RunInstances', 'CreateUser']);
  });

  it('CloudTrail time functions as Athena queries use them', async () => {
    const rows = await athena(conn, `SELECT eventname, json_extract_scalar(requestparameters, '$.userName') AS newuser
      FROM cloudtrail_logs
      WHERE from_iso8601_timestamp(eventtime) BETWEEN date_parse('2024-06-01 10:02:30', '%Y-%m-%d %H:%i:%s')
        AND from_iso8601_timestamp('2024-06-01T10:03:30Z')`);
    assert.deepEqual(rows, [{ eventname: 'CreateUser', newuser: 'backdoor' }]);
  });

  // AWS Security Analytics Bootstrap demo queries (sql/dml/analytics/vpcflow/vpcflow_demo_queries.sql), as written.
  it('bootstrap: vpcflow view, partitions, internal-to-internal by CIDR', async () => {
    const rows = await athena(conn, `SELECT * FROM vpcflow
      WHERE logstatus = 'OK' -- required to filter out '-' in the src/dst IP fields
      AND contains('172.16.0.0/12', cast(sourceaddress as IPADDRESS))
      AND contains('172.16.0.0/12', cast(destinationaddress as IPADDRESS))
      AND date_partition >= '2024/06/01'
      AND date_partition <= '2024/06/30'
      AND account_partition = '011122223333'
      AND region_partition in ('us-east-1','us-east-2','us-west-2', 'us-west-2')`);
    assert.deepEqual(rows.map((r) => [r.sourceaddress, r.destinationaddress, r.numbytes]), [['172.16.0.5', '172.20.1.1', '9000']]);
  });

  it('bootstrap: private-to-public with IPADDRESS ordering comparisons', async () => {
    const rows = await athena(conn, `SELECT sourceaddress, destinationaddress
      FROM vpcflow
      WHERE logstatus = 'OK'
      AND ( NOT ( (CAST(sourceaddress AS IPADDRESS) > IPADDRESS '10.0.0.0'
               AND CAST(sourceaddress AS IPADDRESS) < IPADDRESS '10.255.255.255')
               OR (CAST(sourceaddress AS IPADDRESS) > IPADDRESS '172.16.0.0'
               AND CAST(sourceaddress AS IPADDRESS) < IPADDRESS '172.31.255.255')
               OR (CAST(sourceaddress AS IPADDRESS) > IPADDRESS '192.168.0.0'
               AND CAST(sourceaddress AS IPADDRESS) < IPADDRESS '192.168.255.255'))
            AND ( (CAST(destinationaddress AS IPADDRESS) > IPADDRESS '10.0.0.0'
               AND CAST(destinationaddress AS IPADDRESS) < IPADDRESS '10.255.255.255')
               OR (CAST(destinationaddress AS IPADDRESS) > IPADDRESS '172.16.0.0'
               AND CAST(destinationaddress AS IPADDRESS) < IPADDRESS '172.31.255.255')))
      ORDER BY sourceaddress`);
    assert.deepEqual(rows, [{ sourceaddress: '203.0.113.9', destinationaddress: '172.16.0.5' }, { sourceaddress: '203.0.113.9', destinationaddress: '172.16.0.5' }]);
  });

  it('bootstrap: relative date partition and flow_direction with from_unixtime', async () => {
    const recent = await athena(conn, `SELECT count(*) AS n from vpcflow
      WHERE date_partition >= date_format(date_add('day',-30,current_timestamp), '%Y/%m/%d')`);
    assert.equal(typeof recent[0]?.n, 'string');
    const rows = await athena(conn, `SELECT from_unixtime(starttime) AS start_time, interfaceid, flow_direction, action
      FROM vpcflow
      WHERE (sourceaddress = '172.16.0.5' AND destinationaddress = '198.51.100.7')
      ORDER BY starttime ASC`);
    assert.deepEqual(rows.map((r) => [r.interfaceid, r.flow_direction, r.action]), [['eni-1', 'egress', 'REJECT']]);
    assert.match(String(rows[0]?.start_time), /^2024-06-03 10:00:00/);
  });
});
