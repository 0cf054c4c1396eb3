// What each library query must find in the fixtures (test/fixtures/hunting + the public samples), and the
// look-alikes it must leave out. `key` is the result column compared; `hits` must all be among its values,
// `misses` none of them. Every query in resources/queries needs at least one entry here
// (query-library.test.ts checks that).
import type { Row } from './query-library-harness';

export interface Hunt {
  id: string;
  /** What the case shows, for the test name. */
  what: string;
  params?: Record<string, string>;
  key: string;
  hits: string[];
  misses?: string[];
  /** Why the query finds nothing in any case (a published query kept as printed); it must return no rows. */
  nothing?: string;
  /** Further checks on the rows, e.g. counts of an aggregate. */
  check?: (rows: Row[]) => void;
}

export const HUNTS: Hunt[] = [
  // CloudTrail: identity
  { id: 'ct-root-account-usage', what: 'a root API call, not a service event or a user named root', key: 'eventid',
    hits: ['root-api-call'], misses: ['root-service-event', 'user-named-root'] },
  { id: 'ct-root-account-usage', what: 'the account filter', params: { account: '999999999999' }, key: 'eventid',
    hits: [], misses: ['root-api-call'] },
  { id: 'ct-console-login-without-mfa', what: 'the sample login without MFA, not MFA or failed logins', key: 'eventid',
    hits: ['865d9377-9c6b-4fd7-8aad-725e95f6a140', 'bf-success'], misses: ['console-login-mfa-yes', 'console-login-failed-no-mfa', 'bf-fail-1'] },
  { id: 'ct-console-login-failures', what: 'six failures then a success from one IP, not two failures', key: 'sourceipaddress',
    hits: ['203.0.113.50'], misses: ['198.51.100.7'],
    check: (rows) => {
      const r = rows.find((x) => x.sourceipaddress === '203.0.113.50')!;
      expectEqual(r.failures, '6', 'failures');
      expectEqual(r.succeeded_later, 'true', 'succeeded_later');
      expectEqual(r.users, 'arn:aws:iam::111122223333:user/victim', 'users');
    } },
  { id: 'ct-console-login-failures', what: 'a lower threshold takes the two-failure IP', params: { min_failures: '2' }, key: 'sourceipaddress',
    hits: ['203.0.113.50', '198.51.100.7'] },
  { id: 'ct-console-login-new-country', what: 'a login from GB after the user\'s US logins; not the baseline, a repeat, a failure, an address with no country or another user\'s first login', key: 'eventid',
    hits: ['country-new-gb'], misses: ['country-home-1', 'country-home-2', 'country-gb-again', 'country-failed-nl', 'country-doc-range', 'country-other-user-first'],
    check: (rows) => expectEqual(rows.find((r) => r.eventid === 'country-new-gb')?.country, 'GB', 'country') },
  { id: 'ct-access-key-created', what: 'keys created (sample and fixture), not refused or listed', key: 'eventid',
    hits: ['94faedcc-0fa4-46e6-9322-022e8e934f04', 'key-created-for-other-user'],
    misses: ['ce03d9c3-6fba-409d-873c-770a6ead0dd5', 'list-access-keys'],
    check: (rows) => expectEqual(rows.find((r) => r.eventid === 'key-created-for-other-user')?.new_access_key_id, 'AKIAHUNTNEWKEY000001', 'new key id') },
  { id: 'ct-access-key-new-ip', what: 'a key seen from a second address, not its home address or a service', key: 'new_ip',
    hits: ['203.0.113.99'], misses: ['198.51.100.10', 'cloudformation.amazonaws.com'],
    check: (rows) => expectEqual(rows.find((r) => r.new_ip === '203.0.113.99')?.access_key_id, 'AKIAHUNTKEY000000001', 'access key') },
  { id: 'ct-iam-user-created', what: 'the sample CreateUser, not GetUser', key: 'eventid',
    hits: ['3346344c-5a3e-429e-8405-420f98f75d6e'], misses: ['get-user'] },
  { id: 'ct-login-profile-created', what: 'created and changed passwords, not refused or deleted', key: 'eventid',
    hits: ['d3906a7d-604b-407f-acb6-fc425742821e', 'update-login-profile-other-user'],
    misses: ['84a9d071-ff0e-4736-abb8-dba69c7c1378', '64fb98c9-cb40-4f9a-b800-6c15e82e9be6'] },
  { id: 'ct-admin-policy-attached', what: 'AdministratorAccess attached and an Action "*" inline policy, not read-only ones', key: 'eventid',
    hits: ['083dc4ad-e264-46bc-a407-d0dd31b58bdc', 'attach-role-admin', 'put-user-policy-star'],
    misses: ['attach-readonly', 'put-user-policy-s3-read'] },
  { id: 'ct-assume-role-chain', what: 'a role session assuming a role, not users or services', key: 'eventid',
    hits: ['role-chain-assume'],
    misses: ['099bfd30-232c-4dff-9998-3821921063ca', '74291117-984f-4ac2-bffc-0dd438b58e6f', 'assume-role-by-service'],
    check: (rows) => expectEqual(rows.find((r) => r.eventid === 'role-chain-assume')?.to_role, 'arn:aws:iam::111122223333:role/admin-role', 'target role') },
  { id: 'ct-access-denied-burst', what: 'twelve refusals in an hour, not three', key: 'arn',
    hits: ['arn:aws:iam::111122223333:user/recon-bot'], misses: ['arn:aws:iam::111122223333:user/dev'],
    check: (rows) => expectEqual(rows.find((r) => r.arn?.endsWith('/recon-bot'))?.errors, '12', 'errors') },
  { id: 'ct-activity-from-ip', what: 'the calls from one address', params: { ip: '203.0.113.99' }, key: 'eventid',
    hits: ['key-use-new-ip'], misses: ['key-use-home-1', 'bf-fail-1'] },
  { id: 'ct-activity-from-cidr', what: 'calls from a /24, over service names and odd addresses', params: { cidr: '203.0.113.0/24' }, key: 'eventid',
    hits: ['key-use-new-ip', 'bf-fail-1', 'deny-burst-1', 'root-api-call'], misses: ['key-use-home-1', 'key-use-via-service', 'few-fail-1'] },
  { id: 'ct-activity-from-cidr', what: 'an IPv6 network matches no IPv4 source', params: { cidr: '2001:db8::/32' }, key: 'eventid',
    hits: [], misses: ['key-use-new-ip'] },
  { id: 'ct-principal-activity', what: 'one user, in a window, not the same name in another account',
    params: { principal: 'arn:aws:iam::229654561268:user/christophe', start: '2024-08-01T13:30:00Z', end: '2024-08-01T13:35:00Z' },
    key: 'eventid',
    hits: ['083dc4ad-e264-46bc-a407-d0dd31b58bdc', '94faedcc-0fa4-46e6-9322-022e8e934f04', '3346344c-5a3e-429e-8405-420f98f75d6e'],
    misses: ['d3906a7d-604b-407f-acb6-fc425742821e'] },
  { id: 'ct-principal-activity', what: 'a role name finds its sessions', params: { principal: 'role/app-role' }, key: 'eventid',
    hits: ['role-chain-assume'], misses: ['attach-role-admin'] },
  { id: 'ct-principal-activity', what: 'the window excludes what is outside it',
    params: { principal: 'user/christophe', start: '2024-08-01T13:30:00Z', end: '2024-08-01T13:35:00Z' }, key: 'eventid',
    hits: ['083dc4ad-e264-46bc-a407-d0dd31b58bdc'], misses: ['ee73c230-44bc-4492-8542-cfb189eae287', 'd3906a7d-604b-407f-acb6-fc425742821e'] },

  // CloudTrail: defence evasion
  { id: 'ct-cloudtrail-tampering', what: 'stop, delete, update and selector changes (refused ones too), not reads or StartLogging', key: 'eventid',
    hits: ['10163ed2-2253-469d-a5ee-cbc6651f8934', 'ee73c230-44bc-4492-8542-cfb189eae287', 'de53d94e-f8b3-4111-b2d2-4f1c2f77a2b1',
      'update-trail', 'put-event-selectors'],
    misses: ['describe-trails', 'start-logging'] },
  { id: 'ct-guardduty-config-disabled', what: 'detector deleted or disabled, recorder stopped; not an enabling update', key: 'eventid',
    hits: ['gd-delete-detector', 'gd-update-detector-disable', 'config-stop-recorder'],
    misses: ['gd-update-detector-enable', 'config-describe'] },
  { id: 'ct-flow-logs-deleted', what: 'the sample DeleteFlowLogs, not CreateFlowLogs', key: 'eventid',
    hits: ['ded2f5af-f3a5-46d2-a170-a23206a32c36'], misses: ['create-flow-logs'] },
  { id: 'ct-organizations-leave', what: 'the sample (refused) LeaveOrganization, not DescribeOrganization', key: 'eventid',
    hits: ['16903cbd-fdff-4818-82f2-d66ad09aaf57'], misses: ['org-describe'] },
  { id: 'ct-kms-key-deletion', what: 'deletion scheduled and key disabled, not cancelled', key: 'eventid',
    hits: ['kms-schedule-deletion', 'kms-disable-key'], misses: ['kms-cancel-deletion'],
    check: (rows) => expectEqual(rows.find((r) => r.eventid === 'kms-schedule-deletion')?.pending_window_days, '7', 'pending window') },

  // CloudTrail: exposure
  { id: 'ct-security-group-open-to-world', what: '0.0.0.0/0 and ::/0 rules, not office or VPC ranges or a revoke', key: 'eventid',
    hits: ['sg-open-ssh-world', 'sg-open-ipv6-world'], misses: ['sg-open-office', 'sg-open-vpc', 'sg-revoke-world'] },
  { id: 'ct-s3-bucket-made-public', what: 'Principal "*", AllUsers ACL and Block Public Access removed; not account-only policy or private ACL', key: 'eventid',
    hits: ['s3-policy-public', 's3-acl-allusers', 's3-delete-pab'], misses: ['s3-policy-account', 's3-acl-private'] },
  { id: 'ct-ec2-unusual-region', what: 'a launch in ap-southeast-3, not in the usual region', params: { usual_regions: 'us-east-1, eu-west-1' }, key: 'eventid',
    hits: ['run-instances-ap-southeast-3'], misses: ['run-instances-us-east-1', '1a8e25cb-458c-4ec3-89db-50732e95757f'],
    check: (rows) => expectEqual(rows.find((r) => r.eventid === 'run-instances-ap-southeast-3')?.instance_type, 'p4d.24xlarge', 'instance type') },
  { id: 'ct-secrets-retrieval', what: 'secret values and decrypted parameters (sample GetParameters), not plain reads', key: 'eventid',
    hits: ['secret-get', 'ssm-get-parameter-decrypt', 'a4663305-e887-42ac-94e6-d04685e59899'],
    misses: ['ssm-get-parameter-plain', '3c83144c-614c-4979-ad06-b29d4db97c45'] },

  // The AWS post's five sample queries: daily variants, and the verbatim text (fixtures aws-post-samples.*)
  { id: 'post-unauthorized-attempts', what: 'refusals by any principal, including an assumed role and the sample refusals', key: 'eventid',
    hits: ['post-unauth-ec2', 'post-unauth-sg', 'post-unauth-assumed-role', 'post-unauth-after-window'],
    misses: ['post-user-s3', 'tls-old-10'],
    check: (rows) => expectEqual(String(new Set(rows.map((r) => r.eventsource)).has('organizations.amazonaws.com')), 'true', 'sample refusals') },
  { id: 'post-unauthorized-attempts', what: "the post's window and '%iam%' as parameters", key: 'eventid',
    params: { start: '2023-01-01T00:00:00Z', end: '2023-03-01T00:00:00Z', principal: 'iam' },
    hits: ['post-unauth-ec2', 'post-unauth-sg'], misses: ['post-unauth-assumed-role', 'post-unauth-after-window', 'deny-burst-1'] },
  { id: 'post-unauthorized-attempts-verbatim', what: "IAM principals' refusals in Jan-Feb 2023, not a role session or 1 March", key: 'eventid',
    hits: ['post-unauth-ec2', 'post-unauth-sg'], misses: ['post-unauth-assumed-role', 'post-unauth-after-window', 'deny-burst-1'],
    check: (rows) => expectEqual(rows.map((r) => r.eventid).join(','), 'post-unauth-sg,post-unauth-ec2', 'newest first') },
  { id: 'post-rejected-tcp-connections', what: 'rejected TCP flows with their weekday, not UDP', key: 'srcaddr',
    hits: ['203.0.113.77', '203.0.113.5'], misses: ['192.0.2.44', '198.51.100.23'],
    check: (rows) => {
      const days = new Set(rows.filter((r) => r.srcaddr === '203.0.113.77').map((r) => r.day));
      expectEqual([...days].sort().join(','), '2,6', 'Tuesday and Saturday');
    } },
  { id: 'post-rejected-tcp-connections', what: 'the window leaves out the Saturday flow', key: 'day',
    params: { start: '2024-03-05T00:00:00Z', end: '2024-03-06T00:00:00Z' }, hits: ['2'], misses: ['6'] },
  { id: 'post-rejected-tcp-connections-verbatim', what: 'rejected TCP flows with their weekday, not UDP', key: 'srcaddr',
    hits: ['203.0.113.77', '203.0.113.5'], misses: ['192.0.2.44', '198.51.100.23'],
    check: (rows) => {
      const days = new Set(rows.filter((r) => r.srcaddr === '203.0.113.77').map((r) => r.day));
      expectEqual([...days].sort().join(','), '2,6', 'Tuesday and Saturday');
    } },
  { id: 'post-older-tls-connections', what: 'TLS 1.0 and 1.1 calls counted per service, not TLS 1.2', key: 'eventsource',
    hits: ['ec2.amazonaws.com'],
    check: (rows) => expectEqual(rows.find((r) => r.eventsource === 'ec2.amazonaws.com')?.numoutdatedtlscalls, '2', 'TLSv1 and TLSv1.1 calls') },
  { id: 'post-connections-from-ip', what: "flows from 172.50.0.0/16 (the post's prefix), newest first, not 172.5.0.9", params: { cidr: '172.50.0.0/16' },
    key: 'srcaddr', hits: ['172.50.1.10', '172.50.7.7'], misses: ['172.5.0.9', '203.0.113.77'],
    check: (rows) => expectEqual(rows.map((r) => r.srcaddr).join(','), '172.50.7.7,172.50.1.10', 'newest first') },
  { id: 'post-connections-from-ip', what: 'one address as a /32', params: { cidr: '203.0.113.77/32' }, key: 'srcaddr',
    hits: ['203.0.113.77'], misses: ['203.0.113.5', '10.0.1.11'] },
  { id: 'post-connections-from-ip-verbatim', what: "172.50.% flows with day partition in Jan-Feb 2023, not 1 March or 172.5.0.9", key: 'srcaddr',
    hits: ['172.50.1.10'], misses: ['172.50.7.7', '172.5.0.9'],
    check: (rows) => expectEqual(rows.map((r) => `${r.day} ${r.date}`).join(','), '5 2023-02-10', 'weekday and date') },
  { id: 'post-investigate-user-actions', what: "a user's actions (LIKE, not =)", params: { username: 'build-bot' }, key: 'eventname',
    hits: ['ListBuckets', 'ListAccessKeys', 'GetObject'], misses: ['CreateAccessKey', 'UpdateLoginProfile'] },
  { id: 'post-investigate-user-actions', what: "the post's window, 5 to 8 December 2022", key: 'eventid',
    params: { username: 'intruder', start: '2022-12-05T00:00:00Z', end: '2022-12-08T00:00:00Z' },
    hits: ['post-user-s3', 'post-user-sts'], misses: ['post-user-after-window', 'post-unauth-ec2'] },
  { id: 'post-investigate-user-actions-verbatim', what: "nothing: = '%<username>%' has no wildcards", key: 'eventid',
    hits: [], misses: ['post-user-s3', 'post-user-sts'], nothing: "the post compares the ARN with '%<username>%' using =",
    check: (rows) => expectEqual(String(rows.length), '0', 'rows') },

  // VPC flow logs
  { id: 'vpc-rejected-flows', what: 'rejected TCP and UDP flows, not accepted ones', key: 'srcaddr',
    hits: ['203.0.113.77', '192.0.2.44', '203.0.113.5'], misses: ['198.51.100.23', '10.0.1.20'],
    check: (rows) => expectEqual(rows.find((r) => r.srcaddr === '203.0.113.77')?.flows, '2', 'RDP rejections') },
  { id: 'vpc-rejected-tcp-by-day-of-week', what: 'Tuesday and Saturday rejections, UDP left out', key: 'day',
    hits: ['2', '6'], misses: ['1', '7'],
    check: (rows) => {
      expectEqual(rows.find((r) => r.day === '2')?.rejected_flows, '13', 'Tuesday: 1 RDP + 12 scan');
      expectEqual(rows.find((r) => r.day === '6')?.rejected_flows, '1', 'Saturday');
    } },
  { id: 'vpc-top-talkers', what: 'the biggest pair first', key: 'srcaddr', hits: ['10.0.1.30', '10.0.1.20'], misses: ['203.0.113.5'],
    check: (rows) => {
      expectEqual(rows[0]?.dstaddr, '10.0.3.40', 'top pair');
      expectEqual(rows[0]?.total_bytes, '9000000000', 'top bytes');
    } },
  { id: 'vpc-bytes-to-external-destinations', what: 'the 5 GB to an external address first, internal traffic and replies left out', key: 'dstaddr',
    hits: ['198.51.100.200', '192.0.2.10', '192.0.2.99'], misses: ['10.0.3.40', '10.0.1.20', '10.0.1.10'],
    check: (rows) => {
      expectEqual(rows[0]?.dstaddr, '198.51.100.200', 'largest destination');
      expectEqual(rows[0]?.bytes_out, '5000000000', 'bytes out');
    } },
  { id: 'vpc-connections-with-cidr', what: 'flows to and from a /24, both directions', params: { cidr: '198.51.100.0/24' }, key: 'srcaddr',
    hits: ['10.0.1.20', '198.51.100.200', '198.51.100.23'], misses: ['203.0.113.77', '10.0.1.21'],
    check: (rows) => expectEqual(rows.filter((r) => r.direction === 'to').map((r) => r.dstaddr).join(','), '198.51.100.200', 'direction') },
  { id: 'vpc-connections-with-cidr', what: 'an IPv6 /64', params: { cidr: '2001:db8:aaaa::/64' }, key: 'srcaddr',
    hits: ['2001:db8:aaaa::5'], misses: ['fd00:1::5', '203.0.113.77'] },
  { id: 'vpc-uncommon-ports', what: 'port 4444 (both directions as one service), not 443 replies', key: 'service_port',
    hits: ['4444'], misses: ['443', '22', '44321', '51000'],
    check: (rows) => expectEqual(rows.find((r) => r.service_port === '4444')?.flows, '2', 'flows on 4444') },
  { id: 'vpc-ssh-rdp-from-internet', what: 'SSH and RDP from public IPv4 and IPv6, not internal or ULA sources', key: 'srcaddr',
    hits: ['198.51.100.23', '203.0.113.77', '2001:db8:aaaa::5'], misses: ['10.0.2.5', 'fd00:1::5'] },
  { id: 'vpc-port-scan', what: 'twelve ports from one source, not a single port', key: 'srcaddr',
    hits: ['203.0.113.5'], misses: ['203.0.113.77'],
    check: (rows) => expectEqual(rows.find((r) => r.srcaddr === '203.0.113.5')?.ports, '12', 'ports') },
  { id: 'vpc-nodata-skipdata-gaps', what: 'NODATA and SKIPDATA windows', key: 'log_status', hits: ['NODATA', 'SKIPDATA'], misses: ['OK'],
    check: (rows) => expectEqual(rows.find((r) => r.log_status === 'SKIPDATA')?.interface_id, 'eni-0a1b2c3d4e5f60008', 'interface') },
  // ALB access logs
  { id: 'alb-sensitive-path-probes', what: '.env, .git and encoded traversal, not the index or a page named environment', key: 'request_url',
    hits: ['https://shop.example.com:443/.env', 'https://shop.example.com:443/.git/config', 'https://shop.example.com:443/static/..%2f..%2fetc/passwd'],
    misses: ['https://shop.example.com:443/index.html', 'https://shop.example.com:443/docs/environment.html'] },
  { id: 'alb-login-brute-force', what: 'six refusals then a success, not two', key: 'client_ip', hits: ['198.51.100.20'], misses: ['198.51.100.21'],
    check: (rows) => {
      const r = rows.find((x) => x.client_ip === '198.51.100.20')!;
      expectEqual(r.failures, '6', 'failures');
      expectEqual(r.succeeded, 'true', 'succeeded');
    } },
  { id: 'alb-login-brute-force', what: 'a lower threshold takes the two-refusal client', params: { min_failures: '2' }, key: 'client_ip',
    hits: ['198.51.100.20', '198.51.100.21'] },
  { id: 'alb-desync-classified', what: 'Severe and Ambiguous, not Acceptable', key: 'trace_id',
    hits: ['Root=1-desync-severe', 'Root=1-desync-ambig'], misses: ['Root=1-acceptable'] },
  // Classic ELB and NLB TLS access logs
  { id: 'elb-sensitive-path-probes', what: '.aws/credentials and traversal, not the index', key: 'url',
    hits: ['https://legacy.example.com:443/.aws/credentials', 'https://legacy.example.com:443/cgi-bin/../../etc/passwd'],
    misses: ['https://legacy.example.com:443/index.html', 'https://legacy.example.com:443/about.html'] },
  { id: 'elb-login-brute-force', what: 'five refusals then a success, not one', key: 'request_ip', hits: ['198.51.100.40'], misses: ['198.51.100.41'],
    check: (rows) => expectEqual(rows.find((x) => x.request_ip === '198.51.100.40')?.succeeded, 'true', 'succeeded') },
  { id: 'elb-requests-from-cidr', what: 'the scanner range, not other clients', key: 'request_ip', hits: ['203.0.113.30'], misses: ['198.51.100.8', '198.51.100.40'] },
  // ALB connection logs
  { id: 'alb-conn-mtls-verify-failures', what: 'untrusted and expired certificates refused, not verified ones', key: 'client_ip', hits: ['203.0.113.80'],
    misses: ['192.0.2.80', '203.0.113.83'], check: (rows) => {
      const untrusted = rows.find((r) => r.tls_verify_status === 'Failed:ClientCertUntrusted');
      if (untrusted?.connections !== '4' || untrusted.leaf_client_cert_subject !== 'CN=rogue-device,O=Unknown CA') throw new Error(`untrusted: ${JSON.stringify(untrusted)}`);
    } },
  { id: 'alb-conn-old-tls-weak-ciphers', what: 'TLS 1.0 and a 3DES cipher, not TLS 1.2 with AES-GCM or TLS 1.3', key: 'client_ip', hits: ['198.51.100.81', '198.51.100.82'],
    misses: ['192.0.2.80', '198.51.100.84', '203.0.113.90'] },
  { id: 'alb-conn-connection-burst', what: '25 connections in an hour, not 3 or 5', key: 'client_ip', hits: ['203.0.113.90'], misses: ['192.0.2.80', '203.0.113.80'],
    check: (rows) => { if (rows.find((r) => r.client_ip === '203.0.113.90')?.connections !== '25') throw new Error(JSON.stringify(rows)); } },
  { id: 'alb-conn-connection-burst', what: 'the threshold parameter', params: { min_connections: '4' }, key: 'client_ip', hits: ['203.0.113.90', '203.0.113.80'], misses: ['192.0.2.80'] },
  { id: 'alb-conn-expired-client-certs', what: 'an expired certificate let in and one refused, not a valid one', key: 'client_ip', hits: ['203.0.113.83', '203.0.113.80'],
    misses: ['192.0.2.80'], check: (rows) => {
      if (rows.find((r) => r.client_ip === '203.0.113.83')?.tls_verify_status !== 'Success') throw new Error(JSON.stringify(rows));
      if (rows.some((r) => r.leaf_client_cert_subject === 'CN=rogue-device,O=Unknown CA')) throw new Error('a certificate within its validity');
    } },
  { id: 'nlb-old-tls-versions', what: 'TLS 1.0 and 1.1, not 1.2 or 1.3', key: 'client_ip', hits: ['192.0.2.61', '192.0.2.62'], misses: ['192.0.2.60', '192.0.2.63'] },
  { id: 'nlb-tls-handshake-alerts', what: 'the client sending alerts, not clean handshakes', key: 'client_ip', hits: ['203.0.113.70'], misses: ['192.0.2.60'],
    check: (rows) => expectEqual(rows.find((x) => x.client_ip === '203.0.113.70')?.alerts, '40, 46', 'alerts') },
  { id: 'nlb-unexpected-sni', what: 'an internal name, not the published one', key: 'domain_name', hits: ['internal-admin.example.com'], misses: ['api.example.com'] },

  // S3 server access logs
  { id: 's3-access-denied-burst', what: 'six refusals, not two', key: 'remoteip', hits: ['203.0.113.90'], misses: ['198.51.100.90'],
    check: (rows) => expectEqual(rows.find((r) => r.remoteip === '203.0.113.90')?.refusals, '6', 'refusals') },
  { id: 's3-access-denied-burst', what: 'a lower threshold takes the developer', params: { min_errors: '2' }, key: 'remoteip', hits: ['203.0.113.90', '198.51.100.90'] },
  { id: 's3-large-downloads', what: '1.2 GB of dumps, not a 1 MB config', key: 'remoteip', hits: ['203.0.113.91'], misses: ['198.51.100.91'],
    check: (rows) => expectEqual(rows.find((r) => r.remoteip === '203.0.113.91')?.bytes_sent, '1200000000', 'bytes') },
  { id: 's3-policy-and-acl-changes', what: 'policy put, public access block deleted, object ACL set; not a policy read', key: 'operation',
    hits: ['REST.PUT.BUCKETPOLICY', 'REST.DELETE.PUBLIC_ACCESS_BLOCK', 'REST.PUT.OBJECT_ACL'], misses: ['REST.GET.BUCKETPOLICY', 'REST.GET.OBJECT'] },
  // Route 53 public DNS query logs
  { id: 'r53-public-nxdomain-burst', what: 'six made-up names, not two typos', key: 'resolver_ip', hits: ['203.0.113.95'], misses: ['198.51.100.95'],
    check: (rows) => expectEqual(rows.find((r) => r.resolver_ip === '203.0.113.95')?.names, '6', 'names') },
  { id: 'r53-public-zone-transfer-any', what: 'ANY and AXFR, not A', key: 'resolver_ip', hits: ['203.0.113.96', '203.0.113.97'], misses: ['198.51.100.96'] },
  { id: 'r53-public-queries-for-name', what: 'the VPN host with its client subnet, not www', key: 'query_name', hits: ['vpn.example.com'], misses: ['www.example.com', 'example.com'],
    check: (rows) => expectEqual(rows[0]?.edns_client_subnet, '192.0.2.0/24', 'subnet') },
  // CloudFront standard logs
  { id: 'cf-sensitive-path-probes', what: '.git and an encoded traversal, not the index', key: 'x_edge_request_id', hits: ['cf-git-probe', 'cf-traversal'], misses: ['cf-index', 'cf-sqlmap'] },
  { id: 'cf-scanner-user-agents', what: 'sqlmap and zgrab (URL-encoded), not a browser', key: 'x_edge_request_id', hits: ['cf-sqlmap', 'cf-zgrab'], misses: ['cf-index', 'cf-git-probe'] },
  { id: 'cf-client-error-burst', what: 'twelve 403s, not three 404s', key: 'c_ip', hits: ['203.0.113.103'], misses: ['198.51.100.103'],
    check: (rows) => expectEqual(rows.find((r) => r.c_ip === '203.0.113.103')?.errors, '12', 'errors') },
  // Route 53 Resolver query logs
  { id: 'r53r-firewall-blocked', what: 'a BLOCK (fixture and AWS sample) and an ALERT, not a plain answer', key: 'query_name',
    hits: ['c2.evil-example.net.', 'ads.tracker-example.net.'], misses: ['www.example.com.'] },
  { id: 'r53r-long-labels-tunneling', what: 'a 52-character label, not ordinary names', key: 'instance', hits: ['i-0hunt000tunnel1'], misses: ['i-0hunt00000000ok'] },
  { id: 'r53r-who-resolved-domain', what: 'the instance that resolved the phishing domain, not a look-alike', key: 'instance', hits: ['i-0hunt00000phish'], misses: ['i-0hunt0000lookal'],
    check: (rows) => expectEqual(rows[0]?.answered, '203.0.113.44', 'answer') },
  // AWS WAF logs
  { id: 'waf-blocked-clients', what: 'five blocks, not one', key: 'client_ip', hits: ['203.0.113.110'], misses: ['198.51.100.110'] },
  { id: 'waf-sqli-xss-matches', what: 'SQL injection and XSS, not other blocks or allowed requests', key: 'client_ip', hits: ['203.0.113.111', '203.0.113.112'],
    misses: ['203.0.113.110', '198.51.100.112'] },
  { id: 'waf-scanner-user-agents', what: 'nikto and masscan, not browsers', key: 'client_ip', hits: ['203.0.113.113', '203.0.113.114'], misses: ['198.51.100.112', '178.84.204.171'] },
  // AWS Network Firewall logs
  { id: 'anf-alerts', what: 'the C2 alert first, the sample alerts too, not TLS or flow records', key: 'signature',
    hits: ['hunt: outbound to C2', 'hunt: policy notice', 'ET MALWARE Suspicious TLS Connection'],
    check: (rows) => expectEqual(rows[0]?.severity, '1', 'most severe first') },
  { id: 'anf-tls-revoked-or-failed', what: 'a revoked and a failed certificate (and the sample), not a good one', key: 'sni',
    hits: ['revoked.example.net', 'selfsigned.example.net', 'example.com'], misses: ['good.example.com'] },
  { id: 'anf-large-outbound-flows', what: '1.2 GB to a public address, not 1.5 GB inside the VPC or a small flow', key: 'dest_ip', hits: ['203.0.113.122'],
    misses: ['10.0.2.50', '203.0.113.123'] },
  // CloudWatch Logs (Lambda)
  { id: 'cw-lambda-errors', what: 'the access denied, the traceback and the sample timeout, not START or INFO lines', key: '_ordinal',
    hits: ['2', '3', '4'], misses: ['1', '8'],
    check: (rows) => { if (!rows.some((r) => r.message?.startsWith('Traceback') && r.message.includes("KeyError: 'token'"))) throw new Error('traceback joined'); } },
  { id: 'cw-lambda-timeouts', what: 'the sample timeout with its REPORT, not the finished invocations', key: 'request_id', hits: ['7c9567b5-107b-4a6c-8798-0157ac21db52'],
    misses: ['aaaaaaaa-0000-0000-0000-000000000001', 'db275f87-a934-471a-8980-b63bf4dc1beb'],
    check: (rows) => expectEqual(rows[0]?.duration_ms, '3003.16', 'duration') },
  { id: 'cw-lambda-memory-near-limit', what: '126 of 128 MB, not 90 of 1024 or 48 of 128', key: 'request_id', hits: ['aaaaaaaa-0000-0000-0000-000000000001'],
    misses: ['bbbbbbbb-0000-0000-0000-000000000002', '7c9567b5-107b-4a6c-8798-0157ac21db52'] },
  // AWS Config
  { id: 'config-s3-bucket-public', what: 'the bucket with a Principal "*" policy, not the private one', key: 'resourceid', hits: ['hunt-data-bucket'], misses: ['private-bucket'] },
  { id: 'config-security-group-open', what: 'SSH from 0.0.0.0/0 and RDP from ::/0, not the office range', key: 'resourceid', hits: ['sg-0hunt', 'sg-0v6world'], misses: ['sg-0office'] },
  { id: 'config-resources-deleted', what: 'the deleted group, not live ones', key: 'resourceid', hits: ['sg-0gone'], misses: ['sg-0hunt', 'hunt-data-bucket'] },
  // CloudFront real-time logs
  { id: 'cfrt-sensitive-path-probes', what: '.env and a double-encoded traversal, not the index or the scanner', key: 'x_edge_request_id',
    hits: ['cfrt-env-leak', 'cfrt-traversal'], misses: ['cfrt-index', 'cfrt-sqlmap'] },
  { id: 'cfrt-scanner-user-agents', what: 'sqlmap (URL-encoded), not browsers', key: 'x_edge_request_id', hits: ['cfrt-sqlmap'], misses: ['cfrt-index', 'cfrt-browser'] },
  { id: 'cfrt-client-error-burst', what: 'twelve 403s, not three 404s', key: 'c_ip', hits: ['203.0.113.142'], misses: ['198.51.100.142'],
    check: (rows) => expectEqual(rows.find((r) => r.c_ip === '203.0.113.142')?.errors, '12', 'errors') },
  // GuardDuty
  { id: 'gd-high-severity-findings', what: 'the credential exfiltration, not the sample, the archived or the low ones', key: 'id',
    hits: ['gd-hunt-exfil-creds'], misses: ['gd-hunt-sample-high', 'gd-hunt-archived-high', 'gd-hunt-low-portprobe', 'gd-hunt-recon-victim'] },
  { id: 'gd-high-severity-findings', what: 'a lower threshold takes the medium one', params: { min_severity: '4' }, key: 'id',
    hits: ['gd-hunt-exfil-creds', 'gd-hunt-recon-victim'], misses: ['gd-hunt-low-portprobe'] },
  { id: 'gd-findings-from-ip', what: 'the remote address and the second probing address, not another address', params: { ip: '203.0.113.77' }, key: 'id',
    hits: ['gd-hunt-exfil-creds', 'gd-hunt-recon-victim', 'gd-hunt-low-portprobe'], misses: ['gd-hunt-other-ip', 'gd-hunt-sample-high'] },
  { id: 'gd-credential-findings', what: 'the victim\'s key with its two findings, not the sample user or instances', key: 'principal',
    hits: ['hunt-victim'], misses: ['GeneratedFindingUserName', 'testuser'],
    check: (rows) => {
      const r = rows.find((x) => x.principal === 'hunt-victim')!;
      expectEqual(r.findings, '2', 'findings');
      expectEqual(r.remote_ips, '203.0.113.77', 'remote ips');
    } },
  // Security Hub
  { id: 'sh-critical-active-findings', what: 'open critical/high findings (a standard\'s and GuardDuty\'s), not resolved, archived, passed or low', key: 'id',
    hits: ['sh-hunt-bucket-public', 'sh-hunt-bucket-logs', 'arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34ehunt000/finding/gd-hunt-exfil-creds'],
    misses: ['sh-hunt-critical-resolved', 'sh-hunt-high-archived', 'sh-hunt-root-mfa-passed', 'sh-hunt-low-open'] },
  { id: 'sh-failed-controls', what: 'S3.8 failing on three buckets and EC2.2, not IAM.6 (passed, or archived)', key: 'control',
    hits: ['S3.8', 'EC2.2'], misses: ['IAM.6'],
    check: (rows) => expectEqual(rows.find((r) => r.control === 'S3.8')?.failing, '3', 'failing S3.8') },
  { id: 'sh-findings-for-resource', what: 'the findings about one bucket, not the other buckets', params: { resource: 'hunt-data-bucket' }, key: 'id',
    hits: ['sh-hunt-bucket-public'], misses: ['sh-hunt-bucket-logs', 'sh-hunt-critical-resolved'] },
];

function expectEqual(actual: unknown, expected: string, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
