import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Finding, ReportExport, ReportModel } from '../../../shared/types';
import { REPO } from '../../helpers/temp';
import { caseWithEvidence } from '../../helpers/findings-harness';
import { HOSTILE, HOSTILE_VALUES, INVISIBLE_RAW } from '../../helpers/report-hostile-corpus';

const names = Object.keys(HOSTILE);

/** A case whose finding carries the hostile corpus in row values, parameters, title, description, tags, notes and SQL. */
async function hostileCase(t: { after(fn: () => unknown): void }) {
  const h = await caseWithEvidence(t);
  const sql = `-- ${HOSTILE.script} \`\`\`\nSELECT ${names.map((n) => `$${n} AS ${n}`).join(', ')}, eventname, _evidence_id, _ordinal FROM cloudtrail ORDER BY _evidence_id, _ordinal LIMIT 1`;
  const q = await h.call<{ queryId: string }>('query.run', { sql, params: HOSTILE });
  const text = HOSTILE_VALUES.join('\n');
  const f = await h.call<Finding>('finding.create', { queryId: q.queryId, all: true, title: `${HOSTILE.script} ${HOSTILE.bidi} ${HOSTILE.pipeTick}`,
    description: text, tags: [HOSTILE.img, HOSTILE.zeroWidth], note: text, severity: 'critical' });
  await h.call('note.save', { body: `${HOSTILE.jsLink}\n\n${HOSTILE.image}\n\n${HOSTILE.style}` });
  return { ...h, finding: f };
}

test('hostile content: HTML has no live markup, Markdown no live syntax, JSON no raw invisible characters', async (t) => {
  const { call, finding } = await hostileCase(t);
  assert.deepEqual(finding.rows[0]!.snapshot.values.slice(0, names.length), HOSTILE_VALUES, 'the snapshot keeps the exact values');

  const html = readFileSync((await call<ReportExport>('report.export', { format: 'html' })).path, 'utf8');
  assert.doesNotMatch(html, INVISIBLE_RAW);
  assert.doesNotMatch(html, /<(script|img|a|iframe|object|embed|link|form|svg|base|meta http-equiv="refresh")\b/i);
  assert.equal(html.match(/<style>/g)?.length, 1, 'only the report\'s own style element');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('invoice\\u202egpj.exe'), 'the bidi override is shown, not applied');
  assert.ok(html.includes('\\u001b[31mRED'), 'the ANSI escape is shown, not sent');
  assert.ok(html.includes('ad\\u200bmin\\u200d\\ufeff'));
  assert.ok(html.includes("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"));

  const md = readFileSync((await call<ReportExport>('report.export', { format: 'md' })).path, 'utf8');
  assert.doesNotMatch(md, INVISIBLE_RAW);
  // Outside code spans and fenced blocks (where nothing is interpreted), no Markdown syntax may be live.
  const prose = withoutCode(md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, ''));
  assert.doesNotMatch(prose, /(^|[^\\])[<[]/m, 'an unescaped < or [ outside code');
  assert.doesNotMatch(prose, /javascript:|https?:\/\/|www\.evil/i, 'a link target outside code is escaped');
  assert.doesNotMatch(prose, /(^|[^\\])!\\?\[/m);
  assert.ok(md.includes('### Finding 1: \\<script\\>alert\\(1\\)\\</script\\> invoice\\\\u202egpj\\.exe a\\|b\\`c\\`\\`d\\|'), 'the title is escaped literal text');
  // Every table keeps its shape: the '|' inside values never adds a cell.
  const unescapedPipes = (line: string): number => (line.replace(/\\\\/g, '').match(/(?<!\\)\|/g) ?? []).length;
  for (const block of md.split(/\n(?!\|)/).filter((b) => b.startsWith('|'))) {
    const lines = block.split('\n').filter((l) => l.startsWith('|'));
    const width = unescapedPipes(lines[0]!);
    for (const l of lines) assert.equal(unescapedPipes(l), width, l);
  }

  const jsonText = readFileSync((await call<ReportExport>('report.export', { format: 'json' })).path, 'utf8');
  assert.doesNotMatch(jsonText, /[^\x09\x0a\x0d\x20-\x7e]/);
  const model = JSON.parse(jsonText) as ReportModel;
  assert.deepEqual(model.findings[0]!.rows[0]!.snapshot.values.slice(0, names.length), HOSTILE_VALUES, 'the JSON report parses back to the exact values');
  assert.equal(model.findings[0]!.title, finding.title);
});

test('hostile report in Chromium: nothing runs, nothing loads, the text is shown as text; the PDF prints', async (t) => {
  const { call } = await hostileCase(t);
  const html = await call<ReportExport>('report.export', { format: 'html' });
  const browser = await chromium.launch({ executablePath: process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const requests: string[] = [];
  const events: string[] = [];
  const url = pathToFileURL(html.path).href;
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  page.on('dialog', (d) => { events.push(`dialog ${d.message()}`); void d.dismiss(); });
  page.on('pageerror', (e) => events.push(`error ${e.message}`));
  page.on('console', (m) => events.push(`console ${m.text()}`));
  await page.goto(url);
  await page.waitForTimeout(300);
  assert.deepEqual(requests, []);
  assert.deepEqual(events, []);
  // A string, so this Node-typed file needs no DOM typings.
  const dom = await page.evaluate(`({
    active: document.querySelectorAll('script, img, a, iframe, object, embed, link, form, svg, base, video, audio').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    styles: document.querySelectorAll('style').length,
    text: document.body.innerText,
  })`) as { active: number; handlers: number; styles: number; text: string };
  assert.deepEqual({ active: dom.active, handlers: dom.handlers, styles: dom.styles }, { active: 0, handlers: 0, styles: 1 });
  assert.ok(dom.text.includes(HOSTILE.script) && dom.text.includes(HOSTILE.img) && dom.text.includes(HOSTILE.formula));
  assert.ok(dom.text.includes('click me (javascript:alert(1))'), 'a note link is shown as text with its target');
  const shots = join(REPO, 'test-results', 'screenshots');
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1100, height: 1400 });
  await page.screenshot({ path: join(shots, 'report-hostile.png'), fullPage: false });
  await page.locator('#finding-1').screenshot({ path: join(shots, 'report-hostile-finding.png') });

  const pdf = await call<ReportExport>('report.export', { format: 'pdf' });
  const bytes = readFileSync(pdf.path);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages > 0, 'the PDF has pages');
  assert.equal(existsSync(`${pdf.path}.html`), false, 'the intermediate HTML is removed');
  assert.equal(readFileSync(pdf.sha256Path, 'utf8').split(' ')[0], pdf.sha256);
  if (existsSync('/usr/bin/pdftoppm')) {
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf.path, join(shots, 'report-pdf-page')]);
    // pdftoppm pads page numbers to the page count's width (page-1, page-01, ...).
    assert.ok(readdirSync(shots).some((f) => /^report-pdf-page-0*1\.png$/.test(f)), 'the first PDF page renders');
  }
});

/** The text with CommonMark code spans removed (a backslash-escaped backtick does not open one). */
function withoutCode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    if (s[i] === '\\') { out += s.slice(i, i + 2); i += 2; continue; }
    if (s[i] !== '`') { out += s[i]; i++; continue; }
    const run = /^`+/.exec(s.slice(i))![0];
    let close = -1;
    for (let k = s.indexOf(run, i + run.length); k >= 0; k = s.indexOf(run, k + 1)) {
      if (s[k - 1] !== '`' && s[k + run.length] !== '`') { close = k; break; }
    }
    if (close < 0) { out += run; i += run.length; continue; }
    i = close + run.length;
  }
  return out;
}
