import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { classifyDialectError } from '../../../electron/core/dialect/classify-error';
import { translateAthena } from '../../../electron/core/dialect/translate-athena';
import { loadQueryLibrary } from '../../../electron/core/query/query-library';
import { REPO } from '../../helpers/temp';
import { CLOUDTRAIL_DDL, openDialectConn } from '../../helpers/dialect-harness';

// The AWS post's five sample queries ship exactly as printed (post-*-verbatim) beside the daily variants.
const POST = readFileSync(join(REPO, 'test', 'fixtures', 'aws-post', 'sample-queries.txt'), 'utf8');
const library = loadQueryLibrary(join(REPO, 'resources', 'queries'));

/** The post's section heading before each sample, and the library id of its verbatim copy. */
const SAMPLES: Array<[string, string]> = [
  ['Unauthorized attempts', 'post-unauthorized-attempts-verbatim'],
  ['Rejected TCP connections', 'post-rejected-tcp-connections-verbatim'],
  ['Connections over older TLS versions', 'post-older-tls-connections-verbatim'],
  ['Filter connections from an IP', 'post-connections-from-ip-verbatim'],
  ['Investigate user actions', 'post-investigate-user-actions-verbatim'],
];

/** Each SQL paragraph of the post (a paragraph starting with SELECT) under the heading before it. */
function postSamples(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let heading = '';
  for (const para of text.split(/\n\s*\n/)) {
    const p = para.trim();
    if (SAMPLES.some(([h]) => h === p)) heading = p;
    else if (/^SELECT\b/.test(p)) {
      assert.ok(heading && !out.has(heading), `SQL without its own heading: ${p.slice(0, 40)}`);
      out.set(heading, p);
    }
  }
  return out;
}

/** SQL tokens; whitespace between tokens is all that is ignored (inside quotes it counts). */
function sqlTokens(sql: string): string[] {
  const re = /\s+|'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z_][A-Za-z0-9_$]*|\d+(?:\.\d+)?|<>|<=|>=|!=|\|\||::|->|[^\s]/gy;
  const out: string[] = [];
  for (let m = re.exec(sql); m; m = re.exec(sql)) if (!/^\s+$/.test(m[0])) out.push(m[0]);
  return out;
}

test('the tokeniser ignores whitespace only, and is quote-aware', () => {
  assert.deepEqual(sqlTokens("SELECT a,b\n FROM  t WHERE x>='1'"), ['SELECT', 'a', ',', 'b', 'FROM', 't', 'WHERE', 'x', '>=', "'1'"]);
  assert.notDeepEqual(sqlTokens("SELECT 'a  b'"), sqlTokens("SELECT 'a b'"));
  assert.notDeepEqual(sqlTokens('SELECT "x y"'), sqlTokens('SELECT "x  y"'));
  assert.deepEqual(sqlTokens("SELECT 'it''s -- no comment'"), ['SELECT', "'it''s -- no comment'"]);
  assert.notDeepEqual(sqlTokens('SELECT a b'), sqlTokens('SELECT a, b'));
  assert.notDeepEqual(sqlTokens('select x'), sqlTokens('SELECT x'));
});

test('each verbatim library query is the post sample, token for token', () => {
  const samples = postSamples(POST);
  assert.deepEqual([...samples.keys()], SAMPLES.map(([h]) => h), 'the post has the five samples, in order');
  for (const [heading, id] of SAMPLES) {
    const q = library.find((x) => x.id === id);
    assert.ok(q, `no library query ${id}`);
    assert.deepEqual(sqlTokens(q.sql), sqlTokens(samples.get(heading)!), `${id} differs from the post's "${heading}"`);
    const daily = library.find((x) => x.id === id.replace(/-verbatim$/, ''));
    assert.ok(daily && daily.params.length > 0, `${id}: a parameterised variant beside it`);
    assert.match(daily.description, new RegExp(`\\(${id}\\)`), `${daily.id} names the verbatim query`);
  }
});

test('only the TLS sample is marked as failing, and it fails as its header says', async () => {
  const failing = library.filter((q) => q.fails).map((q) => q.id);
  assert.deepEqual(failing, ['post-older-tls-connections-verbatim']);
  const q = library.find((x) => x.id === failing[0])!;
  assert.match(q.fails!, /^SQL_SYNTAX /);
  const { instance, conn } = await openDialectConn();
  try {
    await conn.run(CLOUDTRAIL_DDL);
    const ran = await translateAthena(q.sql, conn);
    const err = await conn.run(ran).then(() => undefined, (e: unknown) => e);
    const info = classifyDialectError(err, q.sql, ran);
    assert.equal(info.code, 'SQL_SYNTAX');
    assert.equal(info.position, q.sql.indexOf('COUNT(') + 'COUNT'.length + 1, 'at the "(" after COUNT');
    const line2 = q.sql.split('\n')[1]!;
    assert.equal(line2.indexOf('(') + 1, 6, 'line 2, column 6 as the header says');
  } finally { conn.closeSync(); instance.closeSync(); }
});
