import { toErrorInfo } from './core/errors';
import { parseArgs, type ParsedArgs } from './cli/args';
import { EXIT, importCommand, infoCommand, libraryCommand, queryCommand, verifyCommand } from './cli/commands';
import { TOOL_VERSION } from './core/version';
import { flag } from './cli/args';
import { runServe } from './loopback/serve-command';
import { findingCommand, reportCommand } from './cli/finding-commands';
import { caseCommand, custodyCommand } from './cli/examiner-commands';
import { exportCommand } from './cli/export-commands';
import { attackCommand, huntCommand } from './cli/hunt-command';
import { coverageCommand } from './cli/coverage-command';

const USAGE = `cairn ${TOOL_VERSION}: offline workbench for exported AWS logs

usage:
  cairn import --case DIR [--name NAME] [--examiner NAME] [--json] [--quiet] [--batch-mb N] [--as FORMAT]
               [--fields F1,F2,...] PATH...
                                            --fields: the field list of CloudFront real-time logs (chosen in AWS, not in the file)
  cairn import --case DIR --resume[=RUN]  finish a cancelled, failed or interrupted import (the newest, or run RUN):
                                            its own paths are walked again and only its unfinished files are read
  cairn query  --case DIR [--format table|csv|json] [--param name=value]... [--timeout SECONDS] SQL
                                            default timeout 300 s (CAIRN_QUERY_TIMEOUT_S; 0: none)
  cairn query  --case DIR --library ID [--param name=value]...   run a shipped hunting query (defaults filled in)
  cairn library [--json]                    list the shipped hunting queries and their parameters
  cairn info   --case DIR [--json]
  cairn verify --case DIR [--json] [--against REPORT]
                                            recompute the evidence tables' seals and the audit chain, and validate
                                            the case's CloudTrail digests offline (docs/collecting-evidence.md);
                                            --against: prove the log still extends the chain head REPORT recorded
                                            (a JSON report, or any report with its .sig)
  cairn coverage --case DIR [--format table|csv|json]
                                            per source, account, region and hour: events, files, gaps, and where
                                            logging was turned off or reduced
  cairn verify --export DIR [--json]       check a Parquet export against its manifest.json (SHA-256, rows)
  cairn export parquet --case DIR --out DIR [--location URI] [--json] [--quiet]
                                            every table as Hive-partitioned Parquet (ZSTD) with manifest.json and
                                            DDL for Athena, Trino, Spark and DuckDB (docs/scale-out.md)
  cairn hunt   --case DIR [--rules DIR]... [--no-shipped] [--accept RULE]... [--format table|json]
                                            run SigmaHQ's AWS CloudTrail rules (resources/sigma) and your own rule
                                            folders (Sigma 2 correlation files too: file#N names each document);
                                            every rule runs or is listed as not runnable with the reason;
                                            --accept RULE (id or file name) records that rule's hits as a finding
  cairn attack --case DIR [--json | --out FILE.json]
                                            the ATT&CK techniques of the case's findings; --out writes an ATT&CK
                                            Navigator layer
  cairn serve  [--case DIR] [--port N]     serve the workbench on 127.0.0.1 for a browser
  cairn finding add --case DIR --title T [--severity info|low|medium|high|critical] [--tag X]... [--note TEXT]
                    [--description MD] [--attack T1234.001] [--json] --sql SQL [--param name=value]...
                                            record the rows the query returns (at most 10,000) as a finding;
                                            select _evidence_id and _ordinal so each row traces to its evidence
  cairn report --case DIR --out FILE.(html|pdf|md|json)
                                            re-hash the evidence and write the case report, the manifest beside it
                                            (FILE.manifest.csv) and a .sha256 sidecar holding both hashes
  cairn case show|set --case DIR [--examiner NAME] [--qualifications T] [--limitations T] [--summary MD] [--json]
                                            the examiner fields the report carries (each also as --NAME-file PATH)
  cairn custody add --case DIR --item T --from WHO --at WHEN --how T --by WHO [--path P] [--note T]
  cairn custody list --case DIR [--json]   chain-of-custody records (append-only), shown in the report

exit codes: 0 success, 1 error, 2 usage, 3 finished with rejected or failed files, or files that need a decision
            (--as FORMAT reads them as FORMAT), 4 integrity: evidence files or rows do not match the manifest or their
            seals, or the audit chain or a signature is broken (info, verify, report), or an export does not match its
            manifest, 5 import found nothing to import (every file
            unsupported or undecided)
`;

const io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) };

/** Runs one command; `o` receives its output (tests pass their own, so the test runner's stdout stays untouched). */
export async function main(argv: string[], o: typeof io = io): Promise<number> {
  const io = o;
  let args: ParsedArgs;
  try { args = parseArgs(argv); } catch (e) { io.err(`cairn: ${toErrorInfo(e).message}\n\n${USAGE}`); return EXIT.usage; }
  if (!args.command || args.command === 'help' || args.command === '--help' || args.command === '-h' || args.flags.has('help')) { io.out(USAGE); return args.command ? EXIT.ok : EXIT.usage; }
  if (args.command === '--version' || args.command === 'version') { io.out(TOOL_VERSION + '\n'); return EXIT.ok; }
  const commands: Record<string, (a: typeof args, o: typeof io) => Promise<number>> = { import: importCommand, query: queryCommand, info: infoCommand, verify: verifyCommand, serve: serveCommand, library: libraryCommand, finding: findingCommand, report: reportCommand, case: caseCommand, custody: custodyCommand, hunt: huntCommand, attack: attackCommand, coverage: coverageCommand, export: exportCommand };
  const command = commands[args.command];
  if (!command) { io.err(`cairn: unknown command ${JSON.stringify(args.command)}\n\n${USAGE}`); return EXIT.usage; }
  try {
    return await command(args, io);
  } catch (e) {
    const info = toErrorInfo(e);
    io.err(`cairn: ${info.code}: ${info.message}${info.position ? ` (at position ${info.position})` : ''}\n`);
    return info.code === 'BAD_REQUEST' ? EXIT.usage : EXIT.error;
  }
}

async function serveCommand(args: ParsedArgs, o: typeof io): Promise<number> {
  const port = flag(args, 'port');
  const stop = await runServe({ caseDir: flag(args, 'case'), port: port ? Number(port) : undefined, dataDir: flag(args, 'data-dir'), out: o.out });
  await new Promise<void>((resolve) => {
    const done = (): void => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stop();
  return EXIT.ok;
}
