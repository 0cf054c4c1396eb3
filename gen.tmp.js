const { ensureData } = require('./dist/bench/generate-data.js');
(async () => {
  const [out, n, sizes] = process.argv.slice(2);
  const d = await ensureData(out, 'cloudtrail', Number(n), 1, sizes);
  console.log(JSON.stringify(d).slice(0, 300));
})();
