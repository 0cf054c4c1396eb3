// Every INSERT of the line, JSON-record and CloudWatch sources is planned by DuckDB as an unordered, parallel
// INSERT, not the ordered BATCH_INSERT that kept them to about one thread (decision 0028). Each statement the
// importer runs is explained by DuckDB itself on the importer's connection just before it runs.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBConnection } from '@duckdb/node-api';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { SAMPLES } from '../../helpers/temp';

const FOLDERS = ['elb', 's3_access', 'cloudfront', 'route53_public', 'route53_resolver', 'waf', 'network_firewall', 'cloudwatch_export', 'cloudwatch_lambda'];
const TABLES = ['alb_logs', 'elb_logs', 'nlb_tls_logs', 's3_access_logs', 'cloudfront_logs', 'r53_public_logs', 'r53_rlogs', 'waf_logs', 'anf_logs', 'cloudwatch_logs'];

test('each INSERT of a batch is planned as an unordered INSERT (no BATCH_INSERT)', async () => {
  const plans: { table: string; plan: string }[] = [];
  const run = DuckDBConnection.prototype.run;
  DuckDBConnection.prototype.run = async function (this: DuckDBConnection, sql: string, ...rest: unknown[]) {
    const table = /^INSERT INTO "([a-z0-9_]+)"/.exec(sql)?.[1];
    if (table && TABLES.includes(table)) {
      const rows = (await this.runAndReadAll(`EXPLAIN ${sql}`)).getRows();
      plans.push({ table, plan: rows.map((r) => String(r[1])).join('\n') });
    }
    return (run as (...a: unknown[]) => ReturnType<typeof run>).call(this, sql, ...rest);
  } as typeof run;
  try {
    const c = await newCase();
    const paths = FOLDERS.flatMap((f) => readdirSync(join(SAMPLES, f)).map((n) => join(SAMPLES, f, n)));
    const s = await importEvidence(c, paths);
    assert.ok(s.files.filter((f) => f.status === 'imported').length >= FOLDERS.length, s.files.map((f) => `${f.relPath}: ${f.status}`).join('\n'));
  } finally {
    DuckDBConnection.prototype.run = run;
  }
  const tables = new Set(plans.map((p) => p.table));
  for (const t of ['elb_logs', 's3_access_logs', 'cloudfront_logs', 'r53_rlogs', 'waf_logs', 'anf_logs', 'cloudwatch_logs']) assert.ok(tables.has(t), `no INSERT into ${t} seen`);
  for (const p of plans) {
    assert.match(p.plan, /\bINSERT\b/, p.table);
    assert.doesNotMatch(p.plan, /BATCH_INSERT/, p.table);
  }
});
