// The JSON-record tables that keep each record's text (`_raw`): VARCHAR, stored with ZSTD, the text exactly as
// written in the evidence, and a line that is not JSON rejected rather than failing the file (decision 0027).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importEvidence } from '../../../electron/core/import/import-service';
import { newCase } from '../../helpers/case';
import { FIXTURES, SAMPLES, tempDir } from '../../helpers/temp';

const SOURCES: { table: string; file: string }[] = [
  { table: 'waf_logs', file: join(SAMPLES, 'waf', 'valid_log_multi.json') },
  { table: 'anf_logs', file: join(SAMPLES, 'network_firewall', 'alert_log_multi.json') },
  { table: 'guardduty_findings', file: join(FIXTURES, 'guardduty', 'export-findings.jsonl') },
  { table: 'securityhub_findings', file: join(FIXTURES, 'securityhub', 'findings.jsonl') },
];

test('_raw is VARCHAR stored with ZSTD, and holds each JSON line as written', async () => {
  const c = await newCase();
  const s = await importEvidence(c, SOURCES.map((x) => x.file));
  assert.deepEqual(s.files.map((f) => f.status), SOURCES.map(() => 'imported'));
  const conn = c.forImport().conn;
  for (const { table, file } of SOURCES) {
    const type = (await conn.runAndReadAll(`SELECT data_type FROM duckdb_columns() WHERE table_name = '${table}' AND column_name = '_raw'`)).getRows();
    assert.deepEqual(type, [['VARCHAR']], table);
    const compression = (await conn.runAndReadAll(`SELECT DISTINCT compression FROM pragma_storage_info('${table}') WHERE column_name = '_raw' AND segment_type = 'VARCHAR'`)).getRows();
    assert.deepEqual(compression, [['ZSTD']], table);
    const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0);
    const raw = (await conn.runAndReadAll(`SELECT _raw FROM "${table}" ORDER BY _ordinal`)).getRows().map((r) => String(r[0]));
    assert.deepEqual(raw, lines, table);
  }
});

test('a line that is not JSON among findings is rejected alone; the computed columns never read it', async () => {
  const c = await newCase();
  const dir = tempDir();
  const lines = readFileSync(join(FIXTURES, 'securityhub', 'findings.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0);
  const path = join(dir, 'findings.jsonl');
  writeFileSync(path, [lines[0], '{"Resources": not json', ...lines.slice(1)].join('\n') + '\n');
  const [f] = (await importEvidence(c, [path])).files;
  assert.deepEqual([f?.format, f?.status, f?.imported, f?.rejected], ['securityhub', 'imported_with_rejects', lines.length, 1]);
});
