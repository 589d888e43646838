/**
 * What accounting does around one query: before it, the caps of its user and source (daily
 * budgets less the ledger's spend today) go into the state machine's input; while it runs, a
 * meter stops it once its cost passes the tightest cap; after it (finished, failed, canceled or
 * stopped) the ledger records what it cost.
 */
import type { AccountingConfig } from '../../config/config.ts';
import { SquallError } from '../../errors.ts';
import type { Architecture } from '../cost.ts';
import type { CostBreakdown } from './costBreakdown.ts';
import { capsFor, stoppedError, tightestCap, type CostCap, type CostControl, type QueryPrincipal } from './costLimits.ts';
import { CostMeter } from './costMeter.ts';
import type { Ledger } from './ledger.ts';

/** The cost of a query that did not finish, attached to its error. */
export interface FailedQueryCost {
  readonly queryId: string;
  readonly estimatedCostUsd: number;
  readonly cost: CostBreakdown;
}

const failedCosts = new WeakMap<object, FailedQueryCost>();

/** What a failed query (its error, as `Squall.query` rejected) cost, if it was accounted. */
export function failedQueryCost(err: unknown): FailedQueryCost | undefined {
  return typeof err === 'object' && err !== null ? failedCosts.get(err) : undefined;
}

export class QueryAccounting {
  readonly control: CostControl;
  readonly meter: CostMeter;
  /** Aborts when the caller cancels or the meter trips: the execution's signal. */
  readonly signal: AbortSignal;
  private readonly stop = new AbortController();
  private readonly cap: CostCap | null;
  private readonly unlink: () => void;

  private constructor(
    private readonly queryId: string,
    private readonly who: QueryPrincipal,
    private readonly ledger: Ledger,
    architecture: Architecture,
    caps: CostCap[],
    accounting: AccountingConfig | undefined,
    callerSignal: AbortSignal | undefined,
  ) {
    this.cap = tightestCap(caps);
    this.control = { architecture, caps, model: accounting?.estimate ?? {} };
    this.meter = new CostMeter(architecture, this.cap, () => this.stop.abort());
    this.signal = this.stop.signal;
    const onAbort = (): void => this.stop.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => callerSignal?.removeEventListener('abort', onAbort);
  }

  static async begin(opts: {
    queryId: string;
    who: QueryPrincipal;
    ledger: Ledger;
    architecture: Architecture;
    accounting: AccountingConfig | undefined;
    signal: AbortSignal | undefined;
  }): Promise<QueryAccounting> {
    const caps = await capsFor(opts.accounting, opts.who, opts.ledger);
    return new QueryAccounting(opts.queryId, opts.who, opts.ledger, opts.architecture, caps, opts.accounting, opts.signal);
  }

  async finished(estimatedCostUsd: number): Promise<void> {
    this.unlink();
    await this.ledger.record({ queryId: this.queryId, user: this.who.user, source: this.who.source, endedAt: Date.now(), costUsd: estimatedCostUsd, state: 'FINISHED' });
  }

  /**
   * Records a failed query's billed cost (the meter's: every attempt, transition and reported
   * request so far) and returns the error to raise: a cancel the meter caused is the cost error.
   * On AWS the meter knows only the markers of a capped query's tasks; an uncapped query that
   * fails there records $0 (its execution history would tell: not read).
   */
  async failed(err: unknown, callerCanceled: boolean): Promise<unknown> {
    this.unlink();
    const cost = this.meter.cost();
    let out = err;
    if (this.meter.trippedAtUsd !== null && !callerCanceled && err instanceof SquallError && err.code === 'USER_CANCELED') {
      out = stoppedError(this.queryId, cost.totalUsd, this.cap!);
    }
    const code = out instanceof SquallError ? out.code : 'GENERIC_INTERNAL_ERROR';
    await this.ledger.record({ queryId: this.queryId, user: this.who.user, source: this.who.source, endedAt: Date.now(), costUsd: cost.totalUsd, state: 'FAILED', errorCode: code });
    if (typeof out === 'object' && out !== null) failedCosts.set(out, { queryId: this.queryId, estimatedCostUsd: cost.totalUsd, cost });
    return out;
  }
}
