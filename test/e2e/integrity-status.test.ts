// The status bar shows the case's integrity: green when the audit chain and every seal verify, red (naming the
// file) when evidence rows were changed behind Cairn's back; and the default query timeout.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import { launchChromium, openWorkbench, screenshot } from './browser';
import { CLOUDTRAIL_DIR } from './sample-oracle';
import { startServe } from './serve-process';

const root = mkdtempSync(join(tmpdir(), 'cairn-e2e-integrity-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function statusOf(caseDir: string, name: string): Promise<{ state: string | null; text: string; title: string | null; timeout: string }> {
  const serve = await startServe({ dataDir: join(root, `data-${name}`), caseDir });
  const browser = await launchChromium();
  try {
    const w = await openWorkbench(browser, serve.url);
    const item = w.page.getByTestId('status-integrity');
    await item.and(w.page.locator('[data-state="ok"], [data-state="broken"]')).waitFor({ timeout: 30_000 });
    await screenshot(w.page, `integrity-${name}`);
    return { state: await item.getAttribute('data-state'), text: await item.innerText(), title: await item.getAttribute('title'), timeout: await w.page.getByTestId('status-timeout').innerText() };
  } finally {
    await browser.close();
    await serve.stop();
  }
}

test('the status bar shows the seals green, then red naming the file whose rows were changed', async () => {
  const caseDir = join(root, 'case');
  const c = await Case.open(caseDir, { create: { name: 'integrity', examiner: 't' } });
  await importEvidence(c, [CLOUDTRAIL_DIR]);
  const victim = c.manifest.evidence().find((e) => e.imported > 0)!;
  await c.close();

  const good = await statusOf(caseDir, 'ok');
  assert.equal(good.state, 'ok', good.text);
  assert.match(good.text, /Evidence sealed \(\d+ files\) · verified \d{1,2}[:.]\d{2}/);
  assert.match(good.timeout, /Query timeout \d+ s/);

  // Behind Cairn's back: a direct DuckDB connection on the case's evidence database.
  const db = await DuckDBInstance.create(join(caseDir, 'evidence.duckdb'));
  const conn = await db.connect();
  await conn.run(`UPDATE cloudtrail SET sourceipaddress = '203.0.113.66' WHERE _evidence_id = ${victim.id}`);
  conn.closeSync();
  db.closeSync();

  const bad = await statusOf(caseDir, 'broken');
  assert.equal(bad.state, 'broken', bad.text);
  assert.match(bad.text, /Integrity: 1 file changed/);
  assert.ok(bad.title?.includes(victim.relPath), `the tooltip names ${victim.relPath}: ${bad.title}`);
});
