// Preloaded into a measured child (node -r rss-probe.js ...): at exit, writes the process's peak resident
// set size (getrusage maxrss, which counts DuckDB's native threads and buffers too) to the file named by
// CAIRN_BENCH_RSS_FILE. Read at the very end, so nothing after it can raise the peak.
import { writeFileSync } from 'node:fs';

const target = process.env.CAIRN_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
