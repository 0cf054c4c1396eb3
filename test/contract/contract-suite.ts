// The contract suite: the same calls and checks over every transport (in-process for the CLI, IPC-shaped for
// Electron, HTTP for `cairn serve`). A transport that drops a rule, changes a value or loses an event fails here.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createClient, METHODS, type Client, type Method, type RpcReply, type Transport } from '../../shared/api';
import type { ImportSummary } from '../../shared/types';
import { verifyExport } from '../../electron/core/export/verify-export';
import { FIXTURES, tempDir } from '../helpers/temp';

export interface TransportUnderTest {
  transport: Transport;
  /** Whether this host serves downloads (fills the contract's DOWNLOADS fields). */
  servesDownloads: boolean;
  /** The CLI writes a report where its caller says (cairn report --out); pages only into the case's reports/. */
  reportPathsAsGiven: boolean;
  stop(): Promise<void>;
}

/** `start` makes a fresh core behind the transport (dataDir: a temp folder). */
export function contractSuite(name: string, start: (dataDir: string) => Promise<TransportUnderTest>): void {
  describe(`contract over ${name}`, () => {
    let t: TransportUnderTest;
    let client: Client;
    const raw = (method: unknown, args: unknown): Promise<RpcReply> => t.transport.invoke(method as Method, args);
    const refused = async (method: unknown, args: unknown, code = 'BAD_REQUEST'): Promise<string> => {
      const r = await raw(method, args);
      assert.equal(r.ok, false, `${String(method)} accepted ${JSON.stringify(args)}`);
      if (!r.ok) { assert.equal(r.error.code, code, r.error.message); return r.error.message; }
      return '';
    };

    before(async () => { t = await start(join(tempDir('cairn-contract-'), 'data')); client = createClient(t.transport); });
    after(async () => { await t?.stop(); });

    test('unknown methods are refused as values', async () => {
      for (const m of ['shell.exec', '__proto__', 'constructor', 42]) await refused(m, {});
    });

    test('every method refuses an argument its schema does not declare', async () => {
      for (const m of METHODS) assert.match(await refused(m, { notAnArgument: 1 }), /unexpected argument "notAnArgument"/, m);
    });

    test('enums are enforced at the door: export format, severity, report format', async () => {
      await refused('query.export', { queryId: 'q', format: 'xml' });
      await refused('finding.list', { severity: 'urgent' });
      await refused('finding.create', { queryId: 'q', all: true, title: 't', severity: 'severe' });
      await refused('report.export', { format: 'docx' });
    });

    test('a missing argument is named', async () => {
      assert.match(await refused('case.open', {}), /missing argument dir/);
    });

    test('no case open: a handler error crosses as a value with its code', async () => {
      await refused('query.run', { sql: 'SELECT 1' });
      await refused('case.open', { dir: join(tempDir(), 'not-a-case') }, 'NOT_A_CASE');
    });

    describe('a case, end to end', () => {
      let summary: ImportSummary;
      before(async () => {
        await client.call('case.create', { dir: join(tempDir(), 'case'), name: 'contract', examiner: 'suite' });
        const finished = new Promise<ImportSummary>((resolve) => { const off = client.on('import.finished', (s) => { off(); resolve(s); }); });
        const progress: string[] = [];
        const offProgress = client.on('import.progress', (p) => progress.push(p.phase));
        const { runId } = await client.call('import.start', { paths: [join(FIXTURES, 'cloudtrail', 'records-compact.json')] });
        summary = await finished;
        offProgress();
        assert.equal(summary.runId, runId);
        assert.ok(progress.length > 0, 'progress events arrive');
      });

      test('the import is recorded in the manifest', async () => {
        assert.equal(summary.state, 'finished');
        const evidence = await client.call('evidence.list', {});
        assert.equal(evidence.length, 1);
        assert.equal(evidence[0]!.format, 'cloudtrail');
        assert.equal(evidence[0]!.imported, summary.totals.imported);
      });

      test('queries page and fail with positions', async () => {
        const page = await client.call('query.run', { sql: 'SELECT count(*) AS n FROM cloudtrail', pageSize: 10 });
        assert.equal(Number(page.rows[0]![0]), summary.totals.imported);
        await client.call('query.close', { queryId: page.queryId });
        const bad = await raw('query.run', { sql: 'SELECT nope FROM cloudtrail' });
        assert.equal(bad.ok, false);
        if (!bad.ok) assert.match(bad.error.code, /^SQL_/);
      });

      test('a finding, an export and a report; downloads only where the host serves them', async () => {
        const page = await client.call('query.run', { sql: 'SELECT eventname, _evidence_id, _ordinal FROM cloudtrail ORDER BY _ordinal' });
        const f = await client.call('finding.create', { queryId: page.queryId, all: true, title: 'all events', severity: 'high', tags: ['contract'] });
        assert.equal(f.rowCount, summary.totals.imported);
        assert.equal(f.rowsWithoutProvenance, 0);
        const exp = await client.call('query.export', { queryId: page.queryId, format: 'csv', path: 'events.csv' });
        assert.equal(exp.rows, summary.totals.imported);
        assert.equal(!!exp.downloadUrl, t.servesDownloads);
        // Query exports stay in the case on every transport, the CLI's included.
        await refused('query.export', { queryId: page.queryId, format: 'csv', path: join(tempDir(), 'outside.csv') });
        await refused('query.export', { queryId: page.queryId, format: 'csv', path: '../outside.csv' });
        const report = await client.call('report.export', { format: 'md' });
        assert.equal(report.integrityProblems, 0);
        assert.equal(!!report.downloadUrl && !!report.sha256DownloadUrl, t.servesDownloads);
        const outside = join(tempDir(), 'outside.md');
        if (t.reportPathsAsGiven) assert.equal((await client.call('report.export', { format: 'md', path: outside })).path, outside);
        else await refused('report.export', { format: 'md', path: outside });
        assert.equal(existsSync(outside), t.reportPathsAsGiven);
        // The ATT&CK layer follows the report's rule: a page names a file in exports/, the CLI any path.
        const techniques = await client.call('attack.techniques', {});
        const layer = await client.call('attack.layer', {});
        assert.match(layer.path, /[\\/]exports[\\/]attack-layer-[^\\/]+\.json$/);
        assert.equal(layer.techniques, techniques.length);
        assert.equal(!!layer.downloadUrl, t.servesDownloads);
        const outsideLayer = join(tempDir(), 'layer.json');
        if (t.reportPathsAsGiven) assert.equal((await client.call('attack.layer', { path: outsideLayer })).path, outsideLayer);
        else await refused('attack.layer', { path: outsideLayer });
        assert.equal(existsSync(outsideLayer), t.reportPathsAsGiven);
      });

      test('a Parquet export runs in the background with progress events, into the case, and verifies', async () => {
        const current = (await client.call('case.current', {}))!;
        // A page names a folder of the case's exports/; the CLI's user typed --out, so there any new folder is taken.
        if (!t.reportPathsAsGiven) {
          await refused('export.parquet', { name: '../outside' });
          await refused('export.parquet', { name: join(tempDir(), 'outside') });
        }
        await refused('export.parquet', { name: 'x', location: 'file:///x\nDROP TABLE y' });
        const phases: string[] = [];
        let id = 0;
        const offProgress = client.on('export.progress', (p) => { if (p.exportId === id || id === 0) phases.push(p.phase); });
        let offFailed = (): void => undefined;
        const finished = new Promise<{ exportId: number; manifestPath: string; rows: number }>((resolve, reject) => {
          const off = client.on('export.finished', (f) => { off(); resolve({ exportId: f.exportId, manifestPath: f.manifestPath, rows: f.summary.rows }); });
          offFailed = client.on('export.failed', (f) => reject(new Error(f.error.message)));
        });
        const want = t.reportPathsAsGiven ? join(tempDir(), 'contract-parquet') : join(current.dir, 'exports', 'contract-parquet');
        const started = await client.call('export.parquet', { name: t.reportPathsAsGiven ? want : 'contract-parquet' });
        id = started.exportId;
        assert.equal(started.outDir, want);
        const done = await finished;
        offProgress();
        offFailed();
        assert.equal(done.exportId, started.exportId);
        assert.equal(done.manifestPath, join(started.outDir, 'manifest.json'));
        assert.ok(phases.includes('tables') && phases.includes('done'), `progress events arrive: ${phases.join(',')}`);
        assert.equal((await verifyExport(started.outDir)).ok, true);
      });

      test('integrity: tables, seals, audit chain and digests', async () => {
        const tables = await client.call('case.tables', {});
        assert.ok(tables.some((x) => x.name === 'cloudtrail' && x.rows === summary.totals.imported));
        const integrity = await client.call('case.integrity', {});
        assert.equal(integrity.audit.ok, true);
        assert.equal(integrity.seals.ok, true);
        const verify = await client.call('case.verify', {});
        assert.equal(verify.ok, true);
        assert.equal(verify.cloudtrailDigests, null);
        const chain = await client.call('audit.verify', {});
        assert.equal(chain.ok, true);
      });

      test('closing the case is announced', async () => {
        const changed = new Promise<unknown>((resolve) => { const off = client.on('case.changed', (c) => { off(); resolve(c); }); });
        await client.call('case.close', {});
        assert.equal(await changed, null);
        assert.equal(await client.call('case.current', {}), null);
      });
    });
  });
}
