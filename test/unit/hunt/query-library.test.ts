import assert from 'node:assert/strict';
import { test } from 'node:test';
import { huntingCase, sampleValue } from '../../helpers/query-library-harness';
import { HUNTS } from '../../helpers/query-library-hunts';

const KNOWN_TABLES = ['cloudtrail', 'cloudtrail_logs', 'vpc_flow_logs', 'vpc_flow_logs_parquet', 'alb_logs', 'alb_connection_logs', 'elb_logs', 'nlb_tls_logs', 's3_access_logs',
  'r53_public_logs', 'r53_rlogs', 'cloudfront_logs', 'waf_logs', 'anf_logs', 'cloudwatch_logs', 'config_items',
  'guardduty_findings', 'securityhub_findings', 'cloudfront_realtime_logs'];

test('the library ships at least 25 queries, the five AWS post samples verbatim and for daily use among them', async () => {
  const { library } = await huntingCase();
  assert.ok(library.length >= 25, `only ${library.length} queries`);
  const post = library.filter((q) => q.tags.includes('aws-post')).map((q) => q.id).sort();
  const samples = ['post-connections-from-ip', 'post-investigate-user-actions', 'post-older-tls-connections',
    'post-rejected-tcp-connections', 'post-unauthorized-attempts'];
  assert.deepEqual(post, samples.flatMap((id) => [id, `${id}-verbatim`]));
  for (const q of library) assert.equal(q.tags.includes('verbatim'), q.id.endsWith('-verbatim'), `${q.id}: verbatim tag`);
  const ids = library.map((q) => q.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('the two defective post queries ship corrected beside the verbatim text, and say so', async () => {
  const { library } = await huntingCase();
  const byId = new Map(library.map((q) => [q.id, q]));
  const tls = byId.get('post-older-tls-connections')!;
  assert.match(tls.sql, /SELECT eventSource,\s*COUNT\(\*\)/);
  assert.match(tls.description, /Corrected:.*comma/);
  assert.match(byId.get('post-older-tls-connections-verbatim')!.description, /cannot run: the comma .* is missing/);
  assert.match(byId.get('post-investigate-user-actions-verbatim')!.description, /returns no rows/);
  const user = byId.get('post-investigate-user-actions')!;
  assert.match(user.sql, /userIdentity\.arn LIKE '%' \|\| \$username \|\| '%'/);
  assert.doesNotMatch(user.sql, /arn\s*=/);
  assert.match(user.description, /Corrected:.*LIKE/);
});

test('every query has a header: title, description, known tables, tags, declared and used parameters', async () => {
  const { library } = await huntingCase();
  for (const q of library) {
    assert.ok(q.title && q.title !== q.id, `${q.id}: title`);
    assert.ok(q.description.length >= 60, `${q.id}: description says what it hunts and why`);
    assert.ok(q.tables.length > 0 && q.tables.every((t) => KNOWN_TABLES.includes(t)), `${q.id}: tables ${q.tables.join(',')}`);
    for (const t of q.tables) assert.match(q.sql, new RegExp(`\\bFROM\\s+${t}\\b`, 'i'), `${q.id}: reads ${t}`);
    assert.ok(q.tags.length > 0, `${q.id}: tags`);
    assert.match(q.sql, /^(SELECT|WITH)\b/i, `${q.id}: one SELECT statement`);
    const declared = q.params.map((p) => p.name);
    const used = [...new Set([...q.sql.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!))];
    assert.deepEqual([...used].sort(), [...declared].sort(), `${q.id}: every $param is declared and every declared one is used`);
    for (const p of q.params) {
      assert.ok(p.label.length > 0, `${q.id}.${p.name}: label`);
      if (p.kind === 'timestamp') assert.ok(p.default && !Number.isNaN(Date.parse(p.default)), `${q.id}.${p.name}: timestamp default`);
      if (!p.required) assert.equal(p.default, undefined, `${q.id}.${p.name}: optional params mean "any" when empty`);
    }
  }
});

test('every query runs against the fixtures with its defaults, or fails as its header says', async () => {
  const h = await huntingCase();
  for (const q of h.library) {
    const params = Object.fromEntries(q.params.filter((p) => p.required && p.default === undefined).map((p) => [p.name, sampleValue(p.kind)]));
    const code = q.fails?.split(' ')[0];
    if (code) await assert.rejects(h.run(q, params), (e: unknown) => (e as { code?: string }).code === code, `${q.id} fails with ${code}`);
    else await assert.doesNotReject(h.run(q, params), `${q.id} runs`);
  }
});

test('a time window that holds nothing gives no rows', async () => {
  const h = await huntingCase();
  for (const q of h.library.filter((x) => x.params.some((p) => p.name === 'start') && x.params.some((p) => p.name === 'end'))) {
    const params: Record<string, string> = { start: '2001-01-01T00:00:00Z', end: '2001-01-02T00:00:00Z' };
    for (const p of q.params) if (p.required && p.default === undefined) params[p.name] = sampleValue(p.kind);
    assert.deepEqual(await h.run(q, params), [], `${q.id} honours the window`);
  }
});

test('every query is tested against fixtures where it finds what it hunts for', async () => {
  const { library } = await huntingCase();
  // Published queries kept as printed cannot find anything when they cannot run or cannot match.
  const covered = new Set(HUNTS.filter((x) => x.hits.length > 0 || x.nothing).map((x) => x.id));
  const missing = library.filter((q) => !q.fails).map((q) => q.id).filter((id) => !covered.has(id));
  assert.deepEqual(missing, []);
});
