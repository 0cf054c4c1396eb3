// node insert-ab.js <source> <lines> <runs> <base dist> <new dist>: the INSERT of the CSV copy, base (main's SQL) against new (typed), alternating, one file db
const id = process.argv[2], N = Number(process.argv[3] || 200000), runs = Number(process.argv[4] || 5);
const path = require('path'), fs = require('fs'), os = require('os');
const [A, B] = [path.resolve(process.argv[5]), path.resolve(process.argv[6])];
const { SOURCES } = require(path.join(B, 'bench/sources-bench.js'));
const { Rng } = require(path.join(B, 'bench/rng.js'));
const { DuckDBInstance } = require('@duckdb/node-api');
const imports = { 's3-access': ['s3-access', 'S3_ACCESS_IMPORT'], alb: ['alb', 'ALB_IMPORT'], elb: ['elb', 'ELB_IMPORT'], 'nlb-tls': ['nlb-tls', 'NLB_TLS_IMPORT'], 'alb-connection': ['alb-connection', 'ALB_CONNECTION_IMPORT'] };
const load = (root) => {
  const lf = (m) => require(path.join(root, 'electron/core/sources/line-format', m));
  return { ...lf('csv-layout.js'), ...lf('csv-sql.js'), ...lf('numbered-text.js'), ...lf('pattern.js'), spec: require(path.join(root, 'electron/core/sources', imports[id][0], 'index.js'))[imports[id][1]] };
};
const a = load(A), b = load(B);
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-'));
  const s = SOURCES.find((x) => x.id === id); const rng = new Rng(42);
  fs.writeFileSync(`${dir}/in.log`, Array.from({ length: N }, (_, i) => s.make(rng, i)).join('\n') + '\n');
  const lb = b.csvLayout(b.spec.format);
  const text = await b.writeNumberedText(`${dir}/in.log`, `${dir}/n.txt`, undefined, { path: `${dir}/c.csv`, count: (x, p, e) => b.csvColumns(x, p, e, lb) });
  const inst = await DuckDBInstance.create(`${dir}/db.duckdb`); const conn = await inst.connect();
  await conn.run(fs.readFileSync(path.join(B, 'electron/core/sources', imports[id][0], 'schema.sql'), 'utf8'));
  const file = { evidenceId: 1, relPath: s.file, originalPath: s.file };
  const sql = {
    base: a.insertCsvLinesSql(`${dir}/c.csv`, a.spec.format.table, a.compile(a.spec.format), a.csvLayout(a.spec.format), [{ name: '_evidence_id', sql: '1' }, ...(a.spec.constants?.(file) ?? [])]),
    typed: b.insertCsvLinesSql(`${dir}/c.csv`, b.spec.format.table, b.compile(b.spec.format), lb, [{ name: '_evidence_id', sql: '1' }, ...(b.spec.constants?.(file) ?? [])], 'typed'),
    exact: b.insertCsvLinesSql(`${dir}/c.csv`, b.spec.format.table, b.compile(b.spec.format), lb, [{ name: '_evidence_id', sql: '1' }, ...(b.spec.constants?.(file) ?? [])], 'exact'),
  };
  const res = { base: [], exact: [], typed: [] };
  const loads = [];
  for (let r = 0; r < runs; r++) for (const v of Object.keys(res)) {
    const c0 = process.cpuUsage();
    const n = Number((await conn.run(sql[v])).rowsChanged);
    const u = process.cpuUsage(c0); res[v].push((u.user + u.system) / 1e6);
    if (n !== text.split) throw new Error(`${v}: ${n} of ${text.split}`);
    await conn.run(`DELETE FROM ${b.spec.format.table}`); await conn.run('CHECKPOINT');
    loads.push(os.loadavg()[0]);
  }
  const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
  console.log(JSON.stringify({ source: id, lines: N, runs, cpuMedian: Object.fromEntries(Object.entries(res).map(([k, v]) => [k, +med(v).toFixed(2)])), cpu: Object.fromEntries(Object.entries(res).map(([k, v]) => [k, v.map((x) => +x.toFixed(2))])), load: [Math.min(...loads).toFixed(1), Math.max(...loads).toFixed(1)] }));
  fs.rmSync(dir, { recursive: true, force: true });
})();
