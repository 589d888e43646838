/**
 * Per-query caps and daily budgets. Before a query starts, its user's and source's limits
 * become caps (a daily budget: what is left of it today per the ledger) that travel in the
 * state machine's input, so the plan step refuses a query whose estimate passes one, on AWS as
 * locally, before any task runs. While it runs, a query whose billed cost passes the tightest
 * cap is stopped: locally from the invocations the runtime sees (costMeter.ts), on AWS from the
 * cost markers its tasks leave (engine/taskCosts.ts), checked at each poll of the execution.
 */
import type { AccountingConfig, CostLimitsConfig } from '../../config/config.ts';
import { SquallError } from '../../errors.ts';
import type { Architecture } from '../cost.ts';
import type { EstimateModel } from './costEstimator.ts';
import type { Ledger } from './ledger.ts';

export interface CostCap {
  /** What the query may cost: the per-query cap, or what is left of a daily budget. */
  readonly usd: number;
  readonly kind: 'perQuery' | 'daily';
  readonly scope: 'user' | 'source';
  readonly name: string;
  /** A daily cap's whole budget. */
  readonly budgetUsd?: number;
}

/** In the state machine's input: what the planner checks its estimate against, and how it estimates. */
export interface CostControl {
  readonly architecture: Architecture;
  readonly caps: readonly CostCap[];
  readonly model: Partial<EstimateModel>;
}

/** Who runs a query: every query has a user, and may have a source (a client tool). */
export interface QueryPrincipal {
  readonly user: string;
  readonly source: string | null;
}

/** The caps of a query run by `who`, daily budgets reduced by the ledger's spend today. */
export async function capsFor(accounting: AccountingConfig | undefined, who: QueryPrincipal, ledger: Ledger, now = new Date()): Promise<CostCap[]> {
  if (accounting === undefined) return [];
  const caps: CostCap[] = [];
  const add = async (scope: 'user' | 'source', name: string, limits: CostLimitsConfig | undefined): Promise<void> => {
    if (limits === undefined) return;
    if (limits.perQueryUsd !== undefined) caps.push({ usd: limits.perQueryUsd, kind: 'perQuery', scope, name });
    if (limits.dailyUsd !== undefined) {
      const spent = await ledger.spentToday(scope === 'user' ? { user: name } : { source: name }, now);
      caps.push({ usd: Math.max(0, limits.dailyUsd - spent), kind: 'daily', scope, name, budgetUsd: limits.dailyUsd });
    }
  };
  await add('user', who.user, accounting.users?.[who.user] ?? accounting.default);
  if (who.source !== null) await add('source', who.source, accounting.sources?.[who.source]);
  return caps;
}

/** The cap a cost passes first (the smallest), if any. */
export function tightestCap(caps: readonly CostCap[]): CostCap | null {
  return caps.reduce<CostCap | null>((min, c) => (min === null || c.usd < min.usd ? c : min), null);
}

/** Refuses a query whose estimate passes a cap: the planner calls this before any task runs. */
export function checkEstimate(estimatedUsd: number, caps: readonly CostCap[]): void {
  const over = tightestCap(caps.filter((c) => estimatedUsd > c.usd));
  if (over !== null) throw new SquallError('EXCEEDED_COST_LIMIT', `Query estimated to cost ${usd(estimatedUsd)} exceeds ${describeCap(over)}`);
}

/** The error of a query stopped while running, once its billed cost passed `cap`. */
export function stoppedError(queryId: string, spentUsd: number, cap: CostCap): SquallError {
  return new SquallError('EXCEEDED_COST_LIMIT', `Query ${queryId} was stopped after spending ${usd(spentUsd)}, past ${describeCap(cap)}`);
}

export function describeCap(c: CostCap): string {
  const who = `${c.scope} ${c.name}`;
  return c.kind === 'perQuery'
    ? `the per-query cap of ${usd(c.usd)} for ${who}`
    : `the ${usd(c.usd)} left today of the daily budget of ${usd(c.budgetUsd ?? c.usd)} for ${who}`;
}

/** Dollars with four decimals, or three significant digits below a cent (query costs are small). */
export function usd(x: number): string {
  // Three significant digits, decided after rounding (0.00000999… prints as 0.0000100).
  const decimals = x >= 0.01 || x <= 0 ? 4 : Math.min(20, 2 - Math.floor(Math.log10(Number(x.toPrecision(3)))));
  return `$${x.toFixed(decimals)}`;
}
