/**
 * The `squall` command: query, explain, gen tpch, demo, serve, report. Results go to stdout; progress, stats
 * and errors to stderr (with --format json, errors go to stdout as {"error": …}).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile, type SquallConfig } from '../config/config.ts';
import { ConfigError, SquallError, errorToJson } from '../errors.ts';
import { Squall, type QueryResult } from '../runtime/squall.ts';
import { checkFlags, choiceFlag, intFlag, parseArgs, stringFlag, type ParsedArgs } from './args.ts';
import { demoConfig, runDemo } from './demo.ts';
import { formatStatsLine } from '../runtime/explainAnalyze.ts';
import { clientRows, formatCsv, formatJson, formatNdjson, formatTable, type OutputFormat } from './format.ts';
import { ProgressBar } from './progress.ts';

const USAGE = `Usage:
  squall query [--config FILE] [--format table|json|csv|ndjson] [--workers N] [--catalog C] [--schema S] [--user U] [--source S] "SQL"
  squall explain [--analyze] [--config FILE] [--workers N] [--user U] [--source S] "SQL"
  squall gen tpch --sf N --out DIR [--codec zstd|snappy|gzip|none] [--row-group-size N] [--files-per-table N] [--tables t1,t2]
  squall demo [--workers N]
  squall serve [--config FILE] [--port N] [--host H] [--workers N]   (Trino client protocol, default 127.0.0.1:8080)
  squall report run NAME [--config FILE] [--workers N]     (run a scheduled report now)
  squall report list [--config FILE] [--format table|json] [--runs N]
  squall spend [--config FILE] [--user U] [--source S] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format table|json]
      (the ledger of query costs per day, user and source; default: the last 30 days)

Config: --config FILE, else ./squall.config.json, else the demo lake (built by \`squall demo\`).
Queries run as --user (default: the OS user) from --source (default: squall-cli); their costs go
to the ledger (config accounting.ledger, default ~/.squall/ledger.jsonl), and the config's
accounting limits apply.`;

const FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv', 'ndjson'];

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.has('version')) {
    process.stdout.write('squall 0.1.0\n');
    return 0;
  }
  const [command, ...rest] = args.positionals;
  if (command === undefined || args.flags.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !args.flags.has('help') ? 2 : 0;
  }
  switch (command) {
    case 'query':
      return runQuery(args, rest);
    case 'explain':
      return runExplain(args, rest);
    case 'gen':
      // The generator (and Arrow with it) loads only for this command.
      return (await import('./genTpch.ts')).runGenTpch(args, rest);
    case 'serve':
      return (await import('./serve.ts')).runServe(args, resolveConfig(args));
    case 'report':
      return (await import('./report.ts')).runReportCommand(args, rest, resolveConfig(args));
    case 'spend':
      return (await import('./spend.ts')).runSpend(args, resolveConfig(args));
    case 'demo':
      checkFlags(args, ['workers', 'no-progress']);
      return runDemo(intFlag(args, 'workers', 1, 256));
    default:
      throw new ConfigError('INVALID_ARGUMENTS', `Unknown command '${command}'. Commands: query, explain, gen, demo, serve, report, spend`);
  }
}

function sqlArgument(rest: readonly string[], command: string): string {
  if (rest.length !== 1 || rest[0]!.trim() === '') {
    throw new ConfigError('INVALID_ARGUMENTS', `squall ${command} takes exactly one SQL argument (quote it)`);
  }
  return rest[0]!;
}

/** --config, else ./squall.config.json, else the demo lake. */
export function resolveConfig(args: ParsedArgs): SquallConfig {
  const file = stringFlag(args, 'config');
  if (file !== undefined) return loadConfigFile(file);
  const local = path.resolve('squall.config.json');
  if (existsSync(local)) return loadConfigFile(local);
  return demoConfig();
}

async function withEngine<T>(args: ParsedArgs, f: (squall: Squall) => Promise<T>): Promise<T> {
  const config = resolveConfig(args);
  const workers = intFlag(args, 'workers', 1, 256);
  const ledger = await (await import('./spend.ts')).cliLedger(config);
  const squall = new Squall({ config, ...(workers !== undefined ? { workers } : {}), keepScratch: args.flags.has('keep-scratch'), ledger });
  try {
    return await f(squall);
  } finally {
    await squall.close();
    await ledger.close();
  }
}

async function runQuery(args: ParsedArgs, rest: readonly string[]): Promise<number> {
  checkFlags(args, ['config', 'format', 'workers', 'catalog', 'schema', 'keep-scratch', 'stats', 'no-progress', 'user', 'source']);
  const format = choiceFlag(args, 'format', FORMATS) ?? 'table';
  const sql = sqlArgument(rest, 'query');
  const result = await withEngine(args, (squall) => runWithProgress(squall, sql, args));
  const rows = clientRows(result.columns, result.batch);
  switch (format) {
    case 'table':
      process.stdout.write(formatTable(result.columns, rows));
      if (args.flags.has('stats') || process.stderr.isTTY) process.stderr.write(`${formatStatsLine(result.stats)}\n`);
      break;
    case 'json':
      process.stdout.write(formatJson(result.columns, rows, result.stats));
      break;
    case 'csv':
      process.stdout.write(formatCsv(result.columns, rows));
      break;
    case 'ndjson':
      process.stdout.write(formatNdjson(result.columns, rows));
      break;
  }
  return 0;
}

async function runExplain(args: ParsedArgs, rest: readonly string[]): Promise<number> {
  checkFlags(args, ['config', 'workers', 'analyze', 'catalog', 'schema', 'no-progress', 'user', 'source']);
  const sql = sqlArgument(rest, 'explain');
  const analyze = args.flags.has('analyze');
  const result = await withEngine(args, (squall) => runWithProgress(squall, `EXPLAIN ${analyze ? 'ANALYZE ' : ''}${sql}`, args));
  const text = clientRows(result.columns, result.batch).map((r) => String(r[0])).join('\n');
  process.stdout.write(`${text}\n`);
  return 0;
}

function runWithProgress(squall: Squall, sql: string, args: ParsedArgs): Promise<QueryResult> {
  const session = { catalog: stringFlag(args, 'catalog') ?? null, schema: stringFlag(args, 'schema') ?? null };
  const bar = process.stderr.isTTY && !args.flags.has('no-progress') ? new ProgressBar(process.stderr) : null;
  const who = { user: stringFlag(args, 'user') ?? os.userInfo().username, source: stringFlag(args, 'source') ?? 'squall-cli' };
  return squall.query(sql, session, bar ? (p) => bar.update(p) : undefined, who).finally(() => bar?.done());
}

function reportError(err: unknown, jsonErrors: boolean): number {
  const e = err instanceof SquallError ? err : null;
  if (jsonErrors) {
    const json = errorToJson(err);
    process.stdout.write(
      JSON.stringify({ error: { code: json.code, message: json.message, line: json.line ?? null, column: json.column ?? null } }) + '\n',
    );
  }
  if (e !== null) process.stderr.write(`Query failed (${e.code}): ${e.describe()}\n`);
  else process.stderr.write(`Internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return e !== null && e.type !== 'INTERNAL_ERROR' ? 1 : 3;
}

// A reader that stops early (`squall query … | head`) closes the pipe: the rest of the output
// has nowhere to go, which is no error. (The process ends on its own once the query's threads
// are done; process.exit here could cut a worker's teardown short.)
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

const argv = process.argv.slice(2);
const jsonErrors = argv.includes('json') && argv.some((a) => a === '--format' || a === '--format=json');
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportError(err, jsonErrors);
  },
);
