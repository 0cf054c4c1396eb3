// node reader-vs-try-cast-values.js [v]: each value read by DuckDB's typed CSV reader (strict, one line) and by TRY_CAST of the text;
// prints the values where they differ (ERROR = the reader refused the line), with v also the ones that agree (decision 0025).
const d = require('@duckdb/node-api');
const fs = require('fs');
const ONE = require('path').join(fs.mkdtempSync(require('path').join(require('os').tmpdir(), 'probe-')), 'one.csv');
const vals = ['1e400','-1e400','1e-400','inf','-inf','+inf','Infinity','-Infinity','infinity','INF','nan','NaN','-nan','+5','5','0x10','0X10','0b101','1_000','1__0','_1','1_','007','-007','00000000000000000000000000001',
 '123456789012345678901234567890','9223372036854775807','9223372036854775808','-9223372036854775808','-9223372036854775809','2147483647','2147483648','-2147483648','-2147483649',
 '-0','+0','0','.5','5.','-.5','+.5','.','-','--5','5-','1.5','2.5','-1.5','1.4999999999','1e3','1E3','1e+3','1e-3','1.5e3','1e','e5','1.e3','.e3','1,5','1,000','5d','5f','5L','١','１','\t5','5\t','\v5','\f5',
 '0.1000000000000000055511151231257827021181583404541015625','2.2250738585072011e-308','4.9e-324','1e-330','179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000','0.30000000000000004','0.3000000000000000166533453693773481063544750213623046875','1'+'0'.repeat(400),'0.'+'0'.repeat(400)+'1','1.'+'0'.repeat(400)+'1',
 '0.086','0.000086','2662992','-1','1.0','1.00','1e0','0e0','00.5','0.5e1','1.5E+3',
 '2023-10-04T17:05:15.514108Z','2023-10-04T17:05:15Z','2023-10-04 17:05:15','2023-10-04T17:05:15.5141089Z','2023-10-04T17:05:15+02:00','2023-13-45T17:05:15Z','2023-10-04','2023-10-04T17:05:15.514108','2023-10-04T24:00:00Z','infinity','-infinity','epoch','20231004','2023-10-04T17:05:15.514108ZZ','2023-10-04T17:05Z','2023-10-04T17:05:15.Z','0001-01-01T00:00:00Z','294247-01-10T04:00:54.775807Z','290309-12-22 (BC) 00:00:00','2023-10-04T17:05:15.514108 UTC','2023-10-04T17:05:15.514108Z+1',''];
(async () => {
  const i = await d.DuckDBInstance.create(':memory:'); const c = await i.connect();
  const q = async (s) => (await c.runAndReadAll(s)).getRowsJS();
  const lit = (s) => "'" + s.replace(/'/g, "''") + "'";
  for (const T of ['DOUBLE','BIGINT','INTEGER','TIMESTAMP']) {
    for (const v of vals) {
      if (T==='TIMESTAMP' && /^[0-9.eE+-]+$/.test(v) && v.length<40 && !v.includes('-')) {}
      const exact = (await q(`SELECT CAST(TRY_CAST(nullif(${lit(v)}, '-') AS ${T}) AS VARCHAR) AS v, (coalesce(${lit(v)},'') NOT IN ('', '-') AND TRY_CAST(nullif(${lit(v)}, '-') AS ${T}) IS NULL) AS bad`))[0];
      fs.writeFileSync(ONE, `7 ${v} x\n`);
      let typed;
      try {
        const r = await q(`SELECT CAST(c AS VARCHAR) FROM read_csv('${ONE}', columns = {'l':'BIGINT','c':'${T}','z':'VARCHAR'}, delim=' ', quote='"', escape='"', nullstr='-', allow_quoted_nulls=false, null_padding=true, strict_mode=true, comment='', header=false, auto_detect=false, new_line='\\n')`);
        typed = r.length === 1 ? { v: r[0][0] } : { rows: r.length };
      } catch (e) { typed = { err: String(e.message).split('\n')[0].slice(0, 80) }; }
      const exactS = exact[1] ? 'REJECT' : String(exact[0]);
      const typedS = typed.err ? 'ERROR' : typed.rows !== undefined ? `ROWS${typed.rows}` : String(typed.v);
      const vs = v.length > 30 ? v.slice(0, 27) + '...' : v;
      if (exactS !== typedS) console.log(`DIFF ${T} ${JSON.stringify(vs)}: exact=${exactS} typed=${typedS} ${typed.err ?? ''}`);
      else if (process.argv[2]) console.log(`same ${T} ${JSON.stringify(vs)}: ${exactS}`);
    }
  }
})();
