import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createDuckInstance, quoteIdent, quoteLiteral } from '../duck/evidence-db';
import type { ReaderAttachment } from '../duck/evidence-views';
import { CairnError } from '../errors';
import { ipDatabaseInfo, IP_LOOKUP_MACROS_SQL, IP_TABLES_SQL, loadIpNetworks, REFERENCE_DB, type IpDatabaseInfo } from '../reference/ip-networks';

export const EVIDENCE_CATALOG = 'evidence';
export const SCRATCH_DB = 'scratch';
export const RESULTS_DB = 'cairn_results';

export interface AnalystInstanceOptions {
  evidencePath: string;
  /** The case's tmp folder: DuckDB spills scratch and results under it. */
  tmpDir: string;
  /** DuckDB memory for analyst SQL, e.g. '1GB'. */
  memoryLimit?: string;
  /** Cap on what scratch objects and results may spill to disk (max_temp_directory_size), e.g. '16GB'. */
  scratchLimit?: string;
  threads?: number;
  /** Told when a scratch object was renamed because a newly imported evidence table took its name. */
  onShadowRenamed?: (renamed: ShadowRename[]) => void;
  /** Told when the IP reference data was loaded for a query, with the databases' names and versions. */
  onReferenceLoaded?: (info: IpDatabaseInfo & { ranges: number; ms: number }) => void;
}

export interface ShadowRename { kind: 'table' | 'view'; from: string; to: string }

export const DEFAULT_SCRATCH_LIMIT = '16GB';

/** The databases an analyst instance holds; anything else attached means something got past the gate. */
const EXPECTED_DATABASES = new Map([[EVIDENCE_CATALOG, true], [SCRATCH_DB, false], [RESULTS_DB, false], [REFERENCE_DB, false], ['memory', false], ['system', false], ['temp', false]]);

/**
 * The second wall (docs/decisions/0001-analyst-instance.md): analyst SQL runs on its own DuckDB instance, where the
 * evidence database is attached READ_ONLY, so DuckDB itself refuses any write to it whatever statement gets
 * there. Scratch objects and cached results live in in-memory databases that spill, up to a cap, to the case's
 * tmp folder. The importer's read-write instance is never reachable from here.
 */
export class AnalystInstance {
  private closed = false;
  private ipNetworks: Promise<void> | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    /** Cairn's own connection: attachments and trusted catalog checks. Analyst SQL never runs here. */
    private readonly internal: DuckDBConnection,
    private readonly evidencePath: string,
    private readonly spillDir: string,
    /** What scratch objects and results may spill to disk, in bytes. */
    readonly scratchLimitBytes: number,
    private readonly onShadowRenamed?: (renamed: ShadowRename[]) => void,
    private readonly onReferenceLoaded?: AnalystInstanceOptions['onReferenceLoaded'],
  ) {}

  static async open(opts: AnalystInstanceOptions): Promise<AnalystInstance> {
    const spill = join(opts.tmpDir, 'analyst-spill');
    mkdirSync(spill, { recursive: true });
    const scratchLimit = opts.scratchLimit ?? process.env.CAIRN_SCRATCH_LIMIT ?? DEFAULT_SCRATCH_LIMIT;
    const limitBytes = parseSize(scratchLimit);
    if (limitBytes === null) throw new CairnError('BAD_REQUEST', `scratch limit ${JSON.stringify(scratchLimit)} is not a size such as 16GB or 500MB`);
    const config: Record<string, string> = {
      memory_limit: opts.memoryLimit ?? '1GB',
      temp_directory: spill,
      max_temp_directory_size: scratchLimit,
    };
    if (opts.threads) config.threads = String(opts.threads);
    const instance = await createDuckInstance(config);
    const internal = await instance.connect();
    const a = new AnalystInstance(instance, internal, opts.evidencePath, spill, limitBytes, opts.onShadowRenamed, opts.onReferenceLoaded);
    try {
      await a.attachEvidence();
      await internal.run(`ATTACH ':memory:' AS ${SCRATCH_DB}`);
      await internal.run(`ATTACH ':memory:' AS ${RESULTS_DB}`);
      await internal.run(`ATTACH ':memory:' AS ${REFERENCE_DB}`);
      await internal.run(IP_TABLES_SQL);
      // Nothing outside DuckDB's own spill folder may be read or written; then nobody may change that.
      await internal.run('SET enable_external_access = false');
      await internal.run('SET lock_configuration = true');
    } catch (e) {
      a.close();
      throw e;
    }
    return a;
  }

  /**
   * Bytes DuckDB has spilled for this instance. DuckDB 1.5.6 does not hold in-memory tables' spilled blocks to
   * max_temp_directory_size (measured: 482 MB on disk under a 64MB cap), so the engine watches this (decision 0001).
   */
  spillBytes(): number {
    let n = 0;
    for (const f of readdirSync(this.spillDir)) {
      try { n += statSync(join(this.spillDir, f)).size; } catch { /* removed meanwhile */ }
    }
    return n;
  }

  /** Detach and attach again, so the view follows the importer's commits. */
  attachment(): ReaderAttachment {
    return { detach: () => this.detachEvidence(), attach: () => this.attachEvidence() };
  }

  private async attachEvidence(): Promise<void> {
    await this.internal.run(`ATTACH ${quoteLiteral(this.evidencePath)} AS ${EVIDENCE_CATALOG} (READ_ONLY)`);
    await this.renameShadows();
  }

  /**
   * Scratch is searched before evidence (unqualified CREATE lands there), and creating a scratch object under an
   * evidence name is refused; but an import may later create an evidence table (a CSV file's) under a name a
   * scratch object already has. That object is renamed, so names reach the evidence, never a shadow of it.
   */
  private async renameShadows(): Promise<void> {
    const shadows = (await this.internal.runAndReadAll(SHADOWS_SQL)).getRows() as Array<['table' | 'view', string]>;
    if (shadows.length === 0) return;
    const taken = new Set((await this.internal.runAndReadAll(NAMES_SQL)).getRows().map(([n]) => String(n).toLowerCase()));
    const renamed: ShadowRename[] = [];
    for (const [kind, name] of shadows) {
      let to = `${name}_scratch`;
      for (let k = 2; taken.has(to.toLowerCase()); k++) to = `${name}_scratch${k}`;
      await this.internal.run(`ALTER ${kind === 'view' ? 'VIEW' : 'TABLE'} ${SCRATCH_DB}.main.${quoteIdent(name)} RENAME TO ${quoteIdent(to)}`);
      taken.add(to.toLowerCase());
      renamed.push({ kind, from: name, to });
    }
    this.onShadowRenamed?.(renamed);
  }

  private async detachEvidence(): Promise<void> {
    await this.internal.run(`DETACH DATABASE IF EXISTS ${EVIDENCE_CATALOG}`);
  }

  /** A connection for analyst SQL: unqualified names create in scratch and read scratch, then evidence. */
  async connectAnalyst(setup?: (conn: DuckDBConnection) => Promise<void>): Promise<DuckDBConnection> {
    const conn = await this.instance.connect();
    await conn.run(`USE ${SCRATCH_DB}`);
    await conn.run(`SET search_path = '${SCRATCH_DB}.main,${EVIDENCE_CATALOG}.main'`);
    if (setup) await setup(conn);
    await conn.run(IP_LOOKUP_MACROS_SQL);
    return conn;
  }

  /** Loads the IP reference data on first use (about 0.7M ranges; decision 0021). */
  ensureIpNetworks(): Promise<void> {
    const started = Date.now();
    this.ipNetworks ??= loadIpNetworks(this.internal).then(({ rows }) => { this.onReferenceLoaded?.({ ...ipDatabaseInfo(), ranges: rows, ms: Date.now() - started }); });
    this.ipNetworks.catch(() => { this.ipNetworks = undefined; });
    return this.ipNetworks;
  }

  /** A connection for Cairn's own reads and writes of cached results; never given analyst SQL. */
  connectInternal(): Promise<DuckDBConnection> { return this.instance.connect(); }

  /**
   * Checks, on Cairn's own connection and with fully qualified system functions (no scratch macro can shadow
   * them), that exactly the expected databases are attached, evidence read-only at its own path.
   */
  async checkAttachments(): Promise<void> {
    const r = await this.internal.runAndReadAll('SELECT database_name, path, readonly FROM system.main.duckdb_databases()');
    const seen = new Set<string>();
    for (const [name, path, readonly] of r.getRows() as Array<[string, string | null, boolean]>) {
      seen.add(name);
      const wantReadOnly = EXPECTED_DATABASES.get(name);
      if (wantReadOnly === undefined) throw breach(`unexpected database ${name} attached`);
      if (wantReadOnly && (!readonly || path !== this.evidencePath)) throw breach(`${name} is not the case's evidence attached read-only`);
    }
    if (!seen.has(EVIDENCE_CATALOG)) throw breach('the evidence database was detached');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try { this.internal.closeSync(); } catch { /* already closed */ }
    this.instance.closeSync();
  }
}

/** Scratch tables and views named like an evidence table or view (DuckDB matches names case-insensitively). */
const SHADOWS_SQL = `
WITH scratch AS (
  SELECT 'table' AS kind, table_name AS name FROM system.main.duckdb_tables() WHERE database_name = '${SCRATCH_DB}'
  UNION ALL SELECT 'view', view_name FROM system.main.duckdb_views() WHERE database_name = '${SCRATCH_DB}' AND NOT internal),
evidence AS (
  SELECT table_name AS name FROM system.main.duckdb_tables() WHERE database_name = '${EVIDENCE_CATALOG}'
  UNION ALL SELECT view_name FROM system.main.duckdb_views() WHERE database_name = '${EVIDENCE_CATALOG}' AND NOT internal)
SELECT kind, name FROM scratch WHERE lower(name) IN (SELECT lower(name) FROM evidence) ORDER BY name`;

/** Every table and view name in scratch and evidence: a renamed shadow must take none of them. */
const NAMES_SQL = `SELECT table_name FROM system.main.duckdb_tables() WHERE database_name IN ('${SCRATCH_DB}', '${EVIDENCE_CATALOG}')
UNION ALL SELECT view_name FROM system.main.duckdb_views() WHERE database_name IN ('${SCRATCH_DB}', '${EVIDENCE_CATALOG}')`;

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** A size as DuckDB writes it ('16GB', '500 MiB'), in bytes; null if it is not one. */
export function parseSize(s: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)?\s*$/i.exec(s);
  if (!m) return null;
  return Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'B').toUpperCase()]!);
}

function breach(what: string): CairnError {
  return new CairnError('SQL_DENIED', `denied: ${what}; the analyst instance was closed and will be opened afresh`);
}
