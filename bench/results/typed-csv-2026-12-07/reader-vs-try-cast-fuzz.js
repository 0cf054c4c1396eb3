// node reader-vs-try-cast-fuzz.js <values> <seed>: random numeric-looking strings read by DuckDB's typed CSV reader (ignore_errors) and by
// TRY_CAST of the text, joined per line: [reader dropped / TRY_CAST ok, dropped / rejected, reader ok / TRY_CAST rejected, values differ (as text), same] (decision 0025).
const d = require('@duckdb/node-api');
const fs = require('fs');
const TMP = fs.mkdtempSync(require('path').join(require('os').tmpdir(), 'fuzz-'));
const N = Number(process.argv[2] || 300000);
let seed = Number(process.argv[3] || 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pieces = ['0','1','2','5','9','00','12345','999999999','9223372036854775807','2147483648','.','.','-','+','e','E','e-','e+','_','x','X','b','inf','nan','Infinity','i','n','f','a','\t','\v','\f','0x','1e308','1e309','4.9e-324','\u00a0','١','d','L',',','Z',':','T','/','%','$','#','~','é'];
const vals = [];
for (let k = 0; k < N; k++) {
  const n = 1 + Math.floor(rnd() * 6);
  let s = ''; for (let j = 0; j < n; j++) s += pieces[Math.floor(rnd() * pieces.length)];
  vals.push(s);
}
// numeric-looking long ones
for (let k = 0; k < N / 5; k++) { let s = rnd() < 0.3 ? '-' : ''; const L = 1 + Math.floor(rnd() * 30); for (let j = 0; j < L; j++) s += String(Math.floor(rnd() * 10)); if (rnd() < 0.5) { s += '.'; const M = Math.floor(rnd() * 25); for (let j = 0; j < M; j++) s += String(Math.floor(rnd() * 10)); } if (rnd() < 0.2) s += 'e' + (rnd() < 0.5 ? '-' : '') + Math.floor(rnd() * 400); vals.push(s); }
fs.writeFileSync(`${TMP}/fuzz.csv`, vals.map((v, i) => `${i + 1} ${v} x`).join('\n') + '\n');
fs.writeFileSync(`${TMP}/fuzzv.csv`, vals.map((v, i) => `${i + 1}\x1f${v}`).join('\n') + '\n');
(async () => {
  const i = await d.DuckDBInstance.create(':memory:'); const c = await i.connect();
  for (const T of ['DOUBLE', 'BIGINT', 'INTEGER']) {
    const r = (await c.runAndReadAll(`
WITH typed AS (SELECT l, c FROM read_csv('${TMP}/fuzz.csv', columns = {'l':'BIGINT','c':'${T}','z':'VARCHAR'}, delim=' ', quote='"', escape='"', nullstr='-', allow_quoted_nulls=false, null_padding=true, strict_mode=true, comment='', header=false, auto_detect=false, new_line='\\n', ignore_errors=true)),
exact AS (SELECT l, v, TRY_CAST(nullif(v, '-') AS ${T}) AS c, (coalesce(v,'') NOT IN ('', '-') AND TRY_CAST(nullif(v, '-') AS ${T}) IS NULL) AS bad
  FROM read_csv('${TMP}/fuzzv.csv', columns = {'l':'BIGINT','v':'VARCHAR'}, delim=chr(31), quote='', escape='', header=false, auto_detect=false, new_line='\\n'))
SELECT count(*) FILTER (WHERE t.l IS NULL AND NOT e.bad) AS typed_dropped_exact_ok,
       count(*) FILTER (WHERE t.l IS NULL AND e.bad) AS typed_dropped_exact_bad,
       count(*) FILTER (WHERE t.l IS NOT NULL AND e.bad) AS typed_ok_exact_bad,
       count(*) FILTER (WHERE t.l IS NOT NULL AND NOT e.bad AND t.c::VARCHAR IS DISTINCT FROM e.c::VARCHAR) AS value_differs,
       count(*) FILTER (WHERE t.l IS NOT NULL AND NOT e.bad) AS same,
       list(e.v) FILTER (WHERE (t.l IS NOT NULL AND e.bad) OR (t.l IS NOT NULL AND NOT e.bad AND t.c::VARCHAR IS DISTINCT FROM e.c::VARCHAR))[1:10] AS examples,
       list(e.v) FILTER (WHERE t.l IS NULL AND NOT e.bad)[1:10] AS dropped_ok
FROM exact e LEFT JOIN typed t USING (l)`)).getRowsJS();
    console.log(T, JSON.stringify(r[0], (_, v) => typeof v === 'bigint' ? Number(v) : v));
  }
})();
