/**
 * `squall report run NAME` (run a report now) and `squall report list` (schedules, next and last
 * runs). The work is in src/runtime/reports; this prints it.
 */
import type { SquallConfig } from '../config/config.ts';
import { ConfigError } from '../errors.ts';
import { formatUsd } from '../runtime/explainAnalyze.ts';
import { findReport, openReportRunStore, reportStatuses } from '../runtime/reports/reports.ts';
import { runReport } from '../runtime/reports/runReport.ts';
import { Squall } from '../runtime/squall.ts';
import { DOUBLE, BIGINT, VARCHAR } from '../types/sqlType.ts';
import { checkFlags, choiceFlag, intFlag, type ParsedArgs } from './args.ts';
import { formatTable } from './format.ts';

export async function runReportCommand(args: ParsedArgs, rest: readonly string[], config: SquallConfig): Promise<number> {
  const [sub, ...names] = rest;
  switch (sub) {
    case 'run':
      return reportRun(args, names, config);
    case 'list':
      return reportList(args, names, config);
    default:
      throw new ConfigError('INVALID_ARGUMENTS', `squall report takes 'run NAME' or 'list'${sub === undefined ? '' : ` (got '${sub}')`}`);
  }
}

async function reportRun(args: ParsedArgs, names: readonly string[], config: SquallConfig): Promise<number> {
  checkFlags(args, ['config', 'workers']);
  if (names.length !== 1) throw new ConfigError('INVALID_ARGUMENTS', 'squall report run takes exactly one report name');
  const report = findReport(config, names[0]!);
  const runs = await openReportRunStore(config);
  const workers = intFlag(args, 'workers', 1, 256);
  const engine = new Squall({ config, ...(workers !== undefined ? { workers } : {}) });
  try {
    const outcome = await runReport(report, { scheduledFor: Date.now(), trigger: 'manual' }, { engine, runs });
    if (!outcome.ran) {
      const at = outcome.existing ? `${outcome.existing.runId} (${outcome.existing.state})` : 'this second';
      process.stderr.write(`Report ${report.name} already has a run at ${at}\n`);
      return 1;
    }
    const run = outcome.run;
    if (run.state !== 'SUCCEEDED') {
      process.stderr.write(`Report ${report.name} failed: ${run.error}\n`);
      return 1;
    }
    process.stdout.write(`${run.output}\n`);
    process.stderr.write(`${report.name}: ${run.rows} ${run.rows === 1 ? 'row' : 'rows'}, ${run.bytes} bytes, est. ${formatUsd(run.costUsd ?? 0)}\n`);
    return 0;
  } finally {
    await engine.close();
  }
}

async function reportList(args: ParsedArgs, names: readonly string[], config: SquallConfig): Promise<number> {
  checkFlags(args, ['config', 'format', 'runs']);
  if (names.length > 0) throw new ConfigError('INVALID_ARGUMENTS', 'squall report list takes no arguments');
  const format = choiceFlag(args, 'format', ['table', 'json'] as const) ?? 'table';
  const lastRuns = intFlag(args, 'runs', 0, 1000) ?? 5;
  const reports = config.reports ?? [];
  const statuses = reports.length === 0 ? [] : await reportStatuses(config, await openReportRunStore(config), Date.now(), lastRuns);
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ reports: statuses })}\n`);
    return 0;
  }
  const col = (name: string, type = VARCHAR) => ({ name, type });
  process.stdout.write(
    formatTable(
      [col('report'), col('schedule'), col('format'), col('destination'), col('next run (UTC)')],
      statuses.map((s) => [s.name, s.schedule, s.format, s.destination, s.nextRun ?? 'never']),
    ),
  );
  const runs = statuses.flatMap((s) => s.runs);
  if (runs.length > 0) {
    process.stdout.write('\n');
    process.stdout.write(
      formatTable(
        [col('report'), col('run'), col('state'), col('rows', BIGINT), col('cost', DOUBLE), col('output or error')],
        runs.map((r) => [r.report, `${r.runId}${r.trigger === 'manual' ? ' (manual)' : ''}`, r.state, r.rows, r.costUsd === null ? null : formatUsd(r.costUsd), r.output ?? r.error]),
      ),
    );
  }
  return 0;
}
