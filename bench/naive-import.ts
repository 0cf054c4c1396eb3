// Child process: the "naive importer" the issue compares Cairn with (notes/duckdb-facts.md: ~14.9 s for
// 1M events there): Node gunzips each CloudTrail file, JSON.parses it and inserts one SQLite row per
// record through a prepared statement, one transaction per file. A handful of typed columns plus the raw
// record; no hashing, no gzip check beyond zlib's own, no rejects.
// Usage: node naive-import.js <data dir> <sqlite file>. Prints {"rows": n} on stdout.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';

const CREATE = `CREATE TABLE cloudtrail (eventtime TEXT, eventsource TEXT, eventname TEXT, awsregion TEXT,
  sourceipaddress TEXT, useridentity_arn TEXT, errorcode TEXT, raw TEXT)`;
const INSERT = 'INSERT INTO cloudtrail VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

type Rec = Record<string, unknown> & { userIdentity?: { arn?: string } };
const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

function main(): void {
  const [dir, dbPath] = process.argv.slice(2);
  if (!dir || !dbPath) throw new Error('usage: naive-import <dir> <sqlite file>');
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.exec(CREATE);
  const insert = db.prepare(INSERT);
  const importFile = db.transaction((records: Rec[]) => {
    for (const r of records) {
      insert.run(text(r.eventTime), text(r.eventSource), text(r.eventName), text(r.awsRegion), text(r.sourceIPAddress),
        text(r.userIdentity?.arn), text(r.errorCode), JSON.stringify(r));
    }
  });
  let rows = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.json.gz')) continue;
    const doc = JSON.parse(gunzipSync(readFileSync(join(e.parentPath, e.name))).toString('utf8')) as { Records: Rec[] };
    importFile(doc.Records);
    rows += doc.Records.length;
  }
  db.close();
  process.stdout.write(JSON.stringify({ rows }) + '\n');
}

main();
