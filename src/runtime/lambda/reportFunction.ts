/**
 * The `report` Lambda: an EventBridge schedule rule invokes it with `{ "report": NAME, "time":
 * <the event's time> }` (deploy/squallConfig.cjs writes the rules from the config's reports).
 * It runs the report through the query state machine (runtime kind "aws") and records the run in
 * the DynamoDB table REPORT_RUNS_TABLE.
 *
 * The event's time is the scheduled time, the same on every delivery of that event, so a retried
 * delivery finds the run claimed and does nothing. A failed run is recorded FAILED, then the
 * invocation fails too, so Lambda's error metrics and alarms see it; the retries that follow
 * find the run taken and end quietly.
 *
 * Environment: SQUALL_CONFIG_FILE (the config packaged with the function, relative to the task
 * root), QUERY_STATE_MACHINE_ARN, SCRATCH_URI (the stack's scratch), REPORT_RUNS_TABLE,
 * LEDGER_TABLE (where the report's query costs are recorded).
 */
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SquallConfig } from '../../config/config.ts';
import { ConfigError, isErrorCode, SquallError } from '../../errors.ts';
import { DynamoLedger } from '../accounting/dynamoLedger.ts';
import { DynamoReportRunStore } from '../reports/dynamoReportRunStore.ts';
import { findReport } from '../reports/reports.ts';
import type { ReportRunStore } from '../reports/reportRunStore.ts';
import { runReport, type ReportEngine } from '../reports/runReport.ts';
import { Squall } from '../squall.ts';
import { deployedConfig, requiredEnv } from './deployedConfig.ts';

export interface ReportEvent {
  readonly report?: unknown;
  /** ISO 8601: the scheduled time. Without it (an invocation by hand) the run is a manual one, now. */
  readonly time?: unknown;
}

export interface ReportFunctionResult {
  readonly report: string;
  readonly runId: string;
  /** False when this delivery found the run already taken (a retry): it did nothing. */
  readonly ran: boolean;
  readonly state: string | null;
  readonly rows: number | null;
  readonly costUsd: number | null;
  readonly output: string | null;
}

export interface ReportHandlerDeps {
  readonly config: SquallConfig;
  readonly engine: ReportEngine;
  readonly runs: ReportRunStore;
  readonly now?: () => number;
}

export function reportHandler(deps: ReportHandlerDeps): (event: ReportEvent, context?: object) => Promise<ReportFunctionResult> {
  const wrapped = middy(async (event: ReportEvent): Promise<ReportFunctionResult> => {
    if (typeof event.report !== 'string') throw new ConfigError('INVALID_ARGUMENTS', 'The report event names no report ({"report": NAME, "time": ISO time})');
    const report = findReport(deps.config, event.report);
    const scheduled = typeof event.time === 'string' ? Date.parse(event.time) : Number.NaN;
    if (event.time !== undefined && Number.isNaN(scheduled)) throw new ConfigError('INVALID_ARGUMENTS', `The report event's time is not an ISO time: ${String(event.time)}`);
    const now = deps.now ?? Date.now;
    const outcome = await runReport(
      report,
      { scheduledFor: Number.isNaN(scheduled) ? now() : scheduled, trigger: Number.isNaN(scheduled) ? 'manual' : 'schedule' },
      { engine: deps.engine, runs: deps.runs, now },
    );
    if (!outcome.ran) {
      const existing = outcome.existing;
      return { report: report.name, runId: existing?.runId ?? '', ran: false, state: existing?.state ?? null, rows: existing?.rows ?? null, costUsd: existing?.costUsd ?? null, output: existing?.output ?? null };
    }
    const run = outcome.run;
    if (run.state === 'FAILED') {
      const code = run.error?.split(':', 1)[0] ?? '';
      throw new SquallError(isErrorCode(code) ? code : 'GENERIC_INTERNAL_ERROR', `Report ${run.report} run ${run.runId} failed: ${run.error}`);
    }
    return { report: run.report, runId: run.runId, ran: true, state: run.state, rows: run.rows, costUsd: run.costUsd, output: run.output };
  }) as unknown as (event: ReportEvent, context: object) => Promise<ReportFunctionResult>;
  return (event, context) => wrapped(event, context ?? {});
}

/** The deployed handler: config, engine and run store are built once per sandbox. */
export function reportFunction(env: NodeJS.ProcessEnv = process.env): (event: ReportEvent, context?: object) => Promise<ReportFunctionResult> {
  let handler: ((event: ReportEvent, context?: object) => Promise<ReportFunctionResult>) | undefined;
  return async (event, context) => {
    if (handler === undefined) {
      const config = deployedConfig(env);
      const tableName = requiredEnv(env, 'REPORT_RUNS_TABLE');
      const dynamo = new DynamoDBClient({});
      const runs = new DynamoReportRunStore({ client: dynamo, tableName });
      const ledger = new DynamoLedger({ client: dynamo, tableName: requiredEnv(env, 'LEDGER_TABLE') });
      handler = reportHandler({ config, engine: new Squall({ config, ledger }), runs });
    }
    return handler(event, context);
  };
}
