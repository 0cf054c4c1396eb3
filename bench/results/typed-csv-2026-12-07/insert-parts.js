// node insert-parts.js <dist> <source> <lines> <runs>: CPU of the parts of the CSV INSERT (CTAS in memory; FILEDB=1 a file db; ONLY=a,b)
const root = require("path").resolve(process.argv[2]), id = process.argv[3], N = Number(process.argv[4] || 200000), runs = Number(process.argv[5] || 3);
const path = require('path'), fs = require('fs');
const { SOURCES } = require(path.join(root, 'bench/sources-bench.js'));
const { Rng } = require(path.join(root, 'bench/rng.js'));
const { DuckDBInstance } = require('@duckdb/node-api');
const lf = (m) => require(path.join(root, 'electron/core/sources/line-format', m));
const { csvColumns, csvLayout } = lf('csv-layout.js');
const csvSql = lf('csv-sql.js');
const { writeNumberedText } = lf('numbered-text.js');
const { compile } = lf('pattern.js');
const imports = { 's3-access': ['s3-access', 'S3_ACCESS_IMPORT'], alb: ['alb', 'ALB_IMPORT'], elb: ['elb', 'ELB_IMPORT'], 'nlb-tls': ['nlb-tls', 'NLB_TLS_IMPORT'], 'alb-connection': ['alb-connection', 'ALB_CONNECTION_IMPORT'] };
const spec = require(path.join(root, 'electron/core/sources', imports[id][0], 'index.js'))[imports[id][1]];
const schema = fs.readFileSync(path.join(root, 'electron/core/sources', imports[id][0], 'schema.sql'), 'utf8');
(async () => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'parts-'));
  const s = SOURCES.find((x) => x.id === id); const rng = new Rng(42);
  fs.writeFileSync(`${dir}/in.log`, Array.from({ length: N }, (_, i) => s.make(rng, i)).join('\n') + '\n');
  const layout = csvLayout(spec.format); const f = compile(spec.format);
  await writeNumberedText(`${dir}/in.log`, `${dir}/n.txt`, undefined, { path: `${dir}/c.csv`, count: (b, a, e) => csvColumns(b, a, e, layout) });
  const inst = await DuckDBInstance.create(process.env.FILEDB ? `${dir}/db.duckdb` : ':memory:'); const conn = await inst.connect();
  await conn.run(schema);
  const file = { evidenceId: 1, relPath: s.file, originalPath: s.file };
  const constants = [{ name: '_evidence_id', sql: '1' }, ...(spec.constants?.(file) ?? [])];
  const c = `${dir}/c.csv`;
  const ins = (r) => csvSql.insertCsvLinesSql(c, spec.format.table, f, layout, constants, r);
  const sel = (r) => ins(r).replace(/^INSERT INTO [^\n]*\n/, '');
  const read = (r) => sel(r).replace(/^[\s\S]*FROM \(SELECT [\s\S]*?\nFROM (read_csv[\s\S]*)\) AS g$/, 'SELECT * FROM $1');
  const variants = {
    readText: `CREATE OR REPLACE TABLE x AS ${read('exact')}`,
    readTyped: `CREATE OR REPLACE TABLE x AS ${read('typed')}`,
    selExact: `CREATE OR REPLACE TABLE x AS ${sel('exact')}`,
    selTyped: `CREATE OR REPLACE TABLE x AS ${sel('typed')}`,
    insExact: ins('exact'), insTyped: ins('typed'),
  };
  const st = sel('typed');
  const selL = (l) => csvSql.insertCsvLinesSql(c, spec.format.table, f, l, constants, 'typed').replace(/^INSERT INTO [^\n]*\n/, '');
  const reqGroups = new Set(['request_verb', 'request_url', 'request_proto', 'url', 'protocol']);
  variants.noRequest = `CREATE OR REPLACE TABLE x AS ${selL({ ...layout, groups: layout.groups.map((g) => reqGroups.has(g.name) ? { name: g.name, sql: "'x'" } : g) })}`;
  variants.rtrimIp = `CREATE OR REPLACE TABLE x AS ${st.replace(/CASE WHEN g\.(\w+) = '-' THEN '-' ELSE trim\(left\(g\.\1, length\(g\.\1\) - length\(split_part\(g\.\1, ':', -1\)\) - 1\), '\[\]'\) END/g, "CASE WHEN g.$1 = '-' THEN '-' ELSE trim(left(rtrim(g.$1, '0123456789'), -1), '[]') END")}`;
  if (id === 'elb') {
    const toks = spec.format.required.slice(0, 4).map((x) => x.token).join(' ');
    const one = `regexp_full_match(coalesce(_c1, '-') || ' ' || coalesce(_c2, '-') || ' ' || coalesce(_c3, '-') || ' ' || coalesce(_c4, '-'), '${toks}') AND (strpos((_c12), ' ') > 0 AND strpos(substr((_c12), strpos((_c12), ' ') + 1), ' ') > 0)`;
    variants.oneRegex = `CREATE OR REPLACE TABLE x AS ${selL({ ...layout, fits: one })}`;
    const hp = layout.fits.replace(/\(\(coalesce\((_c\d+), '-'\)\) = '-' OR \(contains[^\n]*?'0123456789'\) = ''\)\)/g, "regexp_full_match(coalesce($1, '-'), '(-|[^ ]*:[0-9]*)')");
    variants.hpRegex = `CREATE OR REPLACE TABLE x AS ${selL({ ...layout, fits: hp })}`;
    if (process.env.SHOWHP) console.log(hp);
  }
  variants.noFits = `CREATE OR REPLACE TABLE x AS ${selL({ ...layout, fits: 'true' })}`;
  variants.noRegex = `CREATE OR REPLACE TABLE x AS ${selL({ ...layout, fits: layout.fits.replace(/regexp_full_match\(\(coalesce\(_c\d+, '-'\)\), '(?:[^']|'')*'\)/g, 'true') })}`;
  variants.noPorts = `CREATE OR REPLACE TABLE x AS ${st.replace(/CASE WHEN g\.(\w+) = '-' THEN '-' ELSE trim\(left\(g\.\1, length\(g\.\1\) - length\(split_part\(g\.\1, ':', -1\)\) - 1\), '\[\]'\) END/g, "g.$1")}`;

  const only = process.env.ONLY ? process.env.ONLY.split(',') : Object.keys(variants);
  const res = Object.fromEntries(only.map((v) => [v, []]));
  for (let r = 0; r < runs; r++) for (const v of only) {
    const c0 = process.cpuUsage();
    await conn.run(variants[v]);
    const u = process.cpuUsage(c0); res[v].push(((u.user + u.system) / 1e6).toFixed(2));
    await conn.run(`DELETE FROM ${spec.format.table}`); await conn.run('DROP TABLE IF EXISTS x');
  }
  console.log(id, Object.entries(res).map(([k, v]) => `${k} ${v.join(' ')}`).join(' | '), '| load', require('os').loadavg()[0].toFixed(1));
  if (process.env.SHOW) console.log(variants[process.env.SHOW]);
  fs.rmSync(dir, { recursive: true, force: true });
})();
