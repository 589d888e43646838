/**
 * Squall's configuration file (`squall.config.json`): catalogs, scratch location, runtime and
 * planner settings. Declarative JSON validated by a schema; an error names the bad field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  _default,
  array,
  boolean,
  enum as oneOf,
  gte,
  int,
  literal,
  lte,
  number,
  optional,
  record,
  regex,
  safeParse,
  string,
  strictObject,
  union,
  url,
  type infer as Infer,
} from 'zod/mini';
import { ConfigError } from '../errors.ts';
import { parseSchedule, ScheduleSyntaxError } from './schedule.ts';

// zod's mini build through named imports keeps the CLI bundle small (the classic `z` object
// pulls in every locale: ~700 kB of source to compile at each start).
const S3Options = strictObject({
  endpoint: optional(url()),
  region: optional(string().check(regex(/^.+$/, 'must not be empty'))),
  forcePathStyle: optional(boolean()),
});

const Location = string().check(regex(/^(file:|s3:\/\/)/, 'must start with file: or s3://'));

const ParquetCatalog = strictObject({
  connector: literal('parquet'),
  /** `file:///abs/dir`, `file:relative/dir` (resolved against the config file) or `s3://bucket/prefix`. */
  location: Location,
  s3: optional(S3Options),
});

const Identifier = string().check(regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier'));

const count = (min: number, max: number) => int().check(gte(min), lte(max));

/** A scheduled report: its SQL runs on the schedule and each run writes `<destination>/<name>/<time>.<format>`. */
const Report = strictObject({
  name: Identifier,
  /** `cron(min hour day-of-month month day-of-week year)` or `rate(N unit)`, UTC (checked in parseConfig). */
  schedule: string(),
  sql: string().check(regex(/\S/, 'must not be empty')),
  format: oneOf(['csv', 'parquet', 'json']),
  /** `file:` (relative to the config file) or `s3://bucket/prefix`. */
  destination: Location,
  s3: optional(S3Options),
  /** Whom the report's queries are accounted to; default `report:<name>`. */
  user: optional(string().check(regex(/^\S+$/, 'must be a non-empty name without spaces'))),
  source: optional(string()),
});

/** A record kept as a JSON lines `file:` (relative to the config file), or in a DynamoDB table. */
const RecordLocation = union([
  string().check(regex(/^file:/, 'must be a file: location or { "dynamodb": { "table" } }')),
  strictObject({ dynamodb: strictObject({ table: string().check(regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')), region: optional(string()), endpoint: optional(url()) }) }),
]);

/** Where report runs are recorded (on AWS, the deployed ReportRunsTable). */
const ReportRuns = RecordLocation;

const usd = () => number().check(gte(0));

/** Spending limits of a user or a source, in US dollars at list prices. */
const CostLimits = strictObject({
  /** A query whose estimate, or whose cost while it runs, passes this is refused or stopped. */
  perQueryUsd: optional(usd()),
  /** Spend per UTC day (the ledger's); a query estimated past what is left of it is refused. */
  dailyUsd: optional(usd()),
});

const Accounting = strictObject({
  /**
   * Where the ledger of query costs lives: a JSON-lines file (`file:` URI; relative to the
   * config file) or a DynamoDB table. Default: ~/.squall/ledger.jsonl.
   */
  ledger: optional(RecordLocation),
  /** Limits per user (the CLI's --user, the query service's authenticated user). */
  users: optional(record(string(), CostLimits)),
  /** Limits per source (the CLI's --source, the X-Trino-Source header). */
  sources: optional(record(string(), CostLimits)),
  /** Limits of every user not named in `users`. */
  default: optional(CostLimits),
  /** The planner's cost estimate: throughputs and per-invocation overhead it assumes. */
  estimate: optional(
    strictObject({
      scanBytesPerSecond: optional(number().check(gte(1))),
      exchangeBytesPerSecond: optional(number().check(gte(1))),
      invocationOverheadMs: optional(number().check(gte(0))),
    }),
  ),
});

export const ConfigSchema = strictObject({
  catalogs: record(Identifier, ParquetCatalog),
  defaultCatalog: optional(Identifier),
  defaultSchema: optional(Identifier),
  /** Where queries write plans, partials and results; default: a directory under the OS temp dir. */
  scratch: optional(Location),
  scratchS3: optional(S3Options),
  runtime: _default(
    strictObject({
      kind: _default(oneOf(['local', 'aws']), 'local'),
      /** Scan/merge worker threads for the local runtime. */
      workers: optional(count(1, 256)),
      /**
       * Memory of each function, in MB, as Lambda's memorySize (default: functions/limits.json,
       * what serverless.yml deploys). The local runtime runs its functions with it; on AWS it
       * must be the deployed size. The planner sizes join and aggregation partitions by it.
       */
      memoryMb: optional(count(128, 10240)),
      /** The deployed state machine, for kind "aws". */
      stateMachineArn: optional(string()),
      region: optional(string()),
      /** A Step Functions-compatible endpoint instead of AWS's (emulators, tests). */
      endpoint: optional(url()),
      /** Scan invocations the account runs at once on AWS (sizes fragments). */
      concurrency: optional(count(1, 10000)),
      /** Lambda architecture priced in cost estimates. */
      architecture: _default(oneOf(['arm64', 'x86_64']), 'arm64'),
    }),
    { kind: 'local', architecture: 'arm64' },
  ),
  /** Query service (`squall serve`) credentials: bearer token (or Basic password) → user. */
  auth: optional(
    strictObject({
      /** Checked in parseConfig, whose message does not repeat the token. */
      tokens: record(string(), string().check(regex(/^\S+$/, 'must be a non-empty user name'))),
    }),
  ),
  /** Scheduled reports (`squall report run|list`, the scheduler of `squall serve`, EventBridge on AWS). */
  reports: optional(array(Report)),
  /** Default: `.squall/report-runs.jsonl` beside the config file. */
  reportRuns: optional(ReportRuns),
  /** Pay-per-query accounting: the ledger, per-query caps and daily budgets. */
  accounting: optional(Accounting),
  planner: _default(
    strictObject({
      /** Target compressed bytes of needed column chunks per scan fragment. */
      fragmentTargetBytes: optional(int().check(gte(1024))),
      /** Partials merged by one merge invocation. */
      mergeFanIn: optional(count(2, 1000)),
      /** Upper bound on fragments per query (keeps the Map input under 256 KiB). */
      maxFragments: optional(count(1, 20000)),
      /** Largest estimated build side sent whole to every probe task; 0 always partitions joins. */
      broadcastMaxBytes: optional(int().check(gte(0))),
      /** Largest estimated aggregation state gathered into one task before hash-partitioning. */
      gatherMaxBytes: optional(int().check(gte(0))),
    }),
    {},
  ),
});

export type SquallConfig = Infer<typeof ConfigSchema>;
export type CatalogConfig = Infer<typeof ParquetCatalog>;
export type S3Config = Infer<typeof S3Options>;
export type ReportConfig = Infer<typeof Report>;
export type ReportRunsConfig = Infer<typeof ReportRuns>;
export type AccountingConfig = Infer<typeof Accounting>;
export type CostLimitsConfig = Infer<typeof CostLimits>;

/**
 * Validate a parsed config object. Relative `file:` locations resolve against `baseDir`
 * (the config file's directory).
 */
export function parseConfig(raw: unknown, baseDir: string, source = 'config'): SquallConfig {
  const result = safeParse(ConfigSchema, raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // A token is a map key: never repeat it in a message.
    const path = issue.path[0] === 'auth' && issue.path[1] === 'tokens' && issue.path.length > 2 ? ['auth', 'tokens', '<token>'] : namedReportPath(raw, issue.path);
    const field = path.length > 0 ? path.join('.') : '(root)';
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: ${field}: ${issue.message}`);
  }
  const config = result.data;
  if (Object.keys(config.catalogs).length === 0) throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: catalogs: at least one catalog is required`);
  for (const [name, catalog] of Object.entries(config.catalogs)) {
    catalog.location = resolveFileLocation(catalog.location, baseDir);
    if (catalog.location.startsWith('s3://') && !/^s3:\/\/[^/]+/.test(catalog.location)) {
      throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: catalogs.${name}.location: missing bucket`);
    }
  }
  if (config.scratch) config.scratch = resolveFileLocation(config.scratch, baseDir);
  if (typeof config.accounting?.ledger === 'string') config.accounting.ledger = resolveFileLocation(config.accounting.ledger, baseDir);
  if (config.defaultCatalog !== undefined && !(config.defaultCatalog in config.catalogs)) {
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: defaultCatalog: no catalog named '${config.defaultCatalog}'`);
  }
  checkReports(config, baseDir, source);
  if (config.auth !== undefined && Object.keys(config.auth.tokens).some((t) => !/^\S{16,}$/.test(t))) {
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: auth.tokens: every token must be at least 16 characters without spaces`);
  }
  if (config.runtime.kind === 'aws' && !config.runtime.stateMachineArn) {
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: runtime.stateMachineArn: required when runtime.kind is "aws"`);
  }
  if (config.runtime.kind === 'aws' && !config.scratch?.startsWith('s3://')) {
    throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: scratch: must be an s3:// URI when runtime.kind is "aws" (the stack's ScratchUri output)`);
  }
  return config;
}

export function loadConfigFile(file: string): SquallConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError('INVALID_CONFIG', `Cannot read config file ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('INVALID_CONFIG', `Config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(raw, path.dirname(path.resolve(file)), `config file ${file}`);
}

/** `reports.3.format` → `reports[daily_revenue].format`: a report is known by its name. */
function namedReportPath(raw: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  if (path[0] !== 'reports' || typeof path[1] !== 'number') return [...path];
  const reports = (raw as { reports?: unknown }).reports;
  const name = Array.isArray(reports) ? (reports[path[1]] as { name?: unknown } | undefined)?.name : undefined;
  return [`reports[${typeof name === 'string' && name !== '' ? name : path[1]}]`, ...path.slice(2)];
}

/** Unique names, schedules EventBridge accepts, resolved file: locations. */
function checkReports(config: SquallConfig, baseDir: string, source: string): void {
  const reports = config.reports ?? [];
  const seen = new Set<string>();
  for (const report of reports) {
    const at = `reports[${report.name}]`;
    if (seen.has(report.name)) throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: ${at}.name: another report has the name '${report.name}'`);
    seen.add(report.name);
    try {
      parseSchedule(report.schedule);
    } catch (err) {
      if (!(err instanceof ScheduleSyntaxError)) throw err;
      throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: ${at}.schedule: ${report.schedule}: ${err.message}`);
    }
    if (report.destination.startsWith('s3://') && !/^s3:\/\/[^/]+/.test(report.destination)) {
      throw new ConfigError('INVALID_CONFIG', `Invalid ${source}: ${at}.destination: missing bucket`);
    }
    report.destination = resolveFileLocation(report.destination, baseDir);
  }
  if (typeof config.reportRuns === 'string') config.reportRuns = resolveFileLocation(config.reportRuns, baseDir);
  else if (config.reportRuns === undefined && reports.length > 0) config.reportRuns = resolveFileLocation('file:.squall/report-runs.jsonl', baseDir);
}

/** `file:rel/dir` and `file:./x` resolve against baseDir; `file:///abs` is kept. */
function resolveFileLocation(location: string, baseDir: string): string {
  if (!location.startsWith('file:') || location.startsWith('file:///')) return location.replace(/\/+$/, '');
  const rel = location.slice('file:'.length).replace(/^\/\//, '');
  return pathToFileURL(path.resolve(baseDir, rel)).href.replace(/\/+$/, '');
}
