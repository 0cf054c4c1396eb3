// node expr.js <dist> <source> <lines> <runs> <expressions.json>: CPU of single expressions over the CSV copy materialised in memory
const root = require("path").resolve(process.argv[2]), id = process.argv[3], N = Number(process.argv[4] || 200000), runs = Number(process.argv[5] || 5);
const path = require('path'), fs = require('fs');
const { SOURCES } = require(path.join(root, 'bench/sources-bench.js'));
const { Rng } = require(path.join(root, 'bench/rng.js'));
const { DuckDBInstance } = require('@duckdb/node-api');
const lf = (m) => require(path.join(root, 'electron/core/sources/line-format', m));
const { csvColumns, csvLayout } = lf('csv-layout.js');
const csvSql = lf('csv-sql.js');
const { writeNumberedText } = lf('numbered-text.js');
const imports = { 's3-access': ['s3-access', 'S3_ACCESS_IMPORT'], alb: ['alb', 'ALB_IMPORT'], elb: ['elb', 'ELB_IMPORT'], 'nlb-tls': ['nlb-tls', 'NLB_TLS_IMPORT'], 'alb-connection': ['alb-connection', 'ALB_CONNECTION_IMPORT'] };
const spec = require(path.join(root, 'electron/core/sources', imports[id][0], 'index.js'))[imports[id][1]];
const EXPRS = JSON.parse(fs.readFileSync(process.argv[6], 'utf8'));
(async () => {
  const dir = fs.mkdtempSync(require('path').join(require('os').tmpdir(), 'expr-'));
  const s = SOURCES.find((x) => x.id === id); const rng = new Rng(42);
  fs.writeFileSync(`${dir}/in.log`, Array.from({ length: N }, (_, i) => s.make(rng, i)).join('\n') + '\n');
  const layout = csvLayout(spec.format);
  await writeNumberedText(`${dir}/in.log`, `${dir}/n.txt`, undefined, { path: `${dir}/c.csv`, count: (b, a, e) => csvColumns(b, a, e, layout) });
  const inst = await DuckDBInstance.create(':memory:'); const conn = await inst.connect();
  const sql = csvSql.insertCsvLinesSql(`${dir}/c.csv`, 't', { columns: [] , groups: [], pattern: ''}, layout, [], 'typed');
  const read = sql.slice(sql.indexOf("FROM read_csv(") + 5, sql.lastIndexOf(") AS g"));
  await conn.run(`CREATE TABLE r AS SELECT * FROM ${read}`);
  const res = Object.fromEntries(Object.keys(EXPRS).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [k, e] of Object.entries(EXPRS)) {
    const c0 = process.cpuUsage();
    await conn.run(`CREATE OR REPLACE TABLE x AS SELECT ${e} FROM r`);
    const u = process.cpuUsage(c0); res[k].push((u.user + u.system) / 1e6);
  }
  const med = (a) => a.sort((x, y) => x - y)[a.length >> 1].toFixed(3);
  console.log(id, Object.entries(res).map(([k, v]) => `${k} ${med(v)}`).join(' | '), '| load', require('os').loadavg()[0].toFixed(1));
  fs.rmSync(dir, { recursive: true, force: true });
})();
