/**
 * Reports as the CLI and `squall serve` use them: the configured run store, one report by name,
 * each report's schedule with its next and last runs, and the scheduler of a long-lived process.
 */
import type { ReportConfig, SquallConfig } from '../../config/config.ts';
import { parseSchedule } from '../../config/schedule.ts';
import { ConfigError } from '../../errors.ts';
import { LocalReportRunStore } from './localReportRunStore.ts';
import type { ReportRun, ReportRunStore } from './reportRunStore.ts';
import type { ReportEngine, ReportRunOutcome } from './runReport.ts';
import { Scheduler } from './scheduler.ts';

/** The store `reportRuns` names: a JSON lines file, or a DynamoDB table (e.g. the deployed one). */
export async function openReportRunStore(config: SquallConfig): Promise<ReportRunStore> {
  const where = config.reportRuns;
  if (where === undefined) throw new ConfigError('INVALID_CONFIG', 'The config declares no reports');
  if (typeof where === 'string') return new LocalReportRunStore(where);
  // The DynamoDB client loads only for configs that use it.
  const [{ DynamoDBClient }, { DynamoReportRunStore }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('./dynamoReportRunStore.ts')]);
  const { table, region, endpoint } = where.dynamodb;
  return new DynamoReportRunStore({
    client: new DynamoDBClient({ ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) }),
    tableName: table,
  });
}

export function findReport(config: SquallConfig, name: string): ReportConfig {
  const reports = config.reports ?? [];
  const report = reports.find((r) => r.name === name);
  if (report === undefined) {
    const known = reports.length > 0 ? `reports: ${reports.map((r) => r.name).join(', ')}` : 'the config declares no reports';
    throw new ConfigError('INVALID_ARGUMENTS', `No report named '${name}' (${known})`);
  }
  return report;
}

export interface ReportStatus {
  readonly name: string;
  readonly schedule: string;
  readonly format: ReportConfig['format'];
  readonly destination: string;
  /** ISO 8601, or null when the schedule never fires again. */
  readonly nextRun: string | null;
  /** Newest first. */
  readonly runs: ReportRun[];
}

export async function reportStatuses(config: SquallConfig, runs: ReportRunStore, now: number, lastRuns: number): Promise<ReportStatus[]> {
  return Promise.all(
    (config.reports ?? []).map(async (r) => {
      const next = parseSchedule(r.schedule).next(now);
      return {
        name: r.name,
        schedule: r.schedule,
        format: r.format,
        destination: r.destination,
        nextRun: next === null ? null : new Date(next).toISOString(),
        runs: await runs.list(r.name, lastRuns),
      };
    }),
  );
}

/**
 * Starts the scheduler of a long-lived process (null when the config has no reports). Its timer
 * does not keep the process alive; `stop()` cancels runs in progress and waits for them.
 */
export async function startReportScheduler(config: SquallConfig, engine: ReportEngine, log: (line: string) => void): Promise<Scheduler | null> {
  const reports = config.reports ?? [];
  if (reports.length === 0) return null;
  const scheduler = new Scheduler({
    reports,
    context: { engine, runs: await openReportRunStore(config) },
    since: Date.now(),
    onRun: (outcome: ReportRunOutcome) => {
      if (!outcome.ran) return;
      const r = outcome.run;
      log(r.state === 'SUCCEEDED' ? `report ${r.report} ${r.runId}: ${r.rows} rows → ${r.output}` : `report ${r.report} ${r.runId} failed: ${r.error}`);
    },
    onError: (report, err) => log(`report ${report}: ${err instanceof Error ? err.message : String(err)}`),
  });
  scheduler.start();
  return scheduler;
}
