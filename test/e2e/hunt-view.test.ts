// The Hunt view in Chromium over `cairn serve`: run SigmaHQ's rules over a case of the public CloudTrail samples,
// see the rules that hit and those that cannot run, accept one rule's hits as a finding.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Case } from '../../electron/core/case/case';
import { importEvidence } from '../../electron/core/import/import-service';
import type { FindingSummary } from '../../shared/findings';
import { launchChromium, openWorkbench, screenshot } from './browser';
import { CLOUDTRAIL_DIR } from './sample-oracle';
import { startServe } from './serve-process';

const root = mkdtempSync(join(tmpdir(), 'cairn-e2e-hunt-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('the Hunt view runs the Sigma rules, lists hits and refusals, and turns a rule\'s hits into a finding', async () => {
  const caseDir = join(root, 'case');
  const c = await Case.open(caseDir, { create: { name: 'hunt view', examiner: 't' } });
  await importEvidence(c, [CLOUDTRAIL_DIR]);
  await c.close();
  const serve = await startServe({ dataDir: join(root, 'data'), caseDir });
  const browser = await launchChromium();
  try {
    const { page } = await openWorkbench(browser, serve.url);
    await page.getByTestId('nav-hunt').click();
    await page.getByTestId('hunt-run').click();
    await page.getByTestId('hunt-summary').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('hunt-summary').innerText(), /66 rules: 63 runnable, 3 not runnable/);
    const mfa = page.locator('[data-testid="hunt-hit"][data-file$="aws_cloudtrail_console_login_success_without_mfa.yml"]');
    assert.match(await mfa.innerText(), /AWS Successful Console Login Without MFA[\s\S]*T1078\.004 Valid Accounts: Cloud Accounts/);
    await page.getByTestId('hunt-not-runnable').locator('summary').click();
    assert.match(await page.getByTestId('hunt-not-runnable').innerText(), /aws_delete_saml_provider\.yml: field status is not a field of CloudTrail records/);
    await mfa.getByTestId('hunt-accept').click();
    await mfa.getByTestId('hunt-accepted').waitFor();
    await screenshot(page, 'hunt-view');
    const findings = await serve.rpc<FindingSummary[]>('finding.list', {});
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.title, 'AWS Successful Console Login Without MFA');
    assert.equal(findings[0]!.rowsWithoutProvenance, 0);
  } finally {
    await browser.close();
    await serve.stop();
  }
});
