/**
 * Where a query's state machine runs: in-process (local worker threads) or on AWS (a deployed
 * Step Functions state machine). Either way the result is the finalize step's output plus what
 * is known about the invocations billed.
 */
import type { FinalizeOutput, QueryInput } from './engine/messages.ts';
import type { InvocationRecord } from './local/workerPool.ts';

export interface ExecutionReport {
  readonly final: FinalizeOutput;
  /** Every attempt, failed ones included, when the executor sees them (local); else null. */
  readonly invocations: readonly InvocationRecord[] | null;
  /** Standard workflow transitions and Map iterations, counted or (on AWS) derived from the plan. */
  readonly standardTransitions: number;
  readonly mapIterations: number;
  readonly retries: number;
}

export interface QueryExecutor {
  /** Invocations that can run at once (sizes the fragments). */
  readonly parallelism: number;
  /**
   * Runs the query's state machine. Aborting `signal` stops the execution: it rejects with a
   * SquallError USER_CANCELED (locally, once the invocations already running have ended).
   */
  execute(input: QueryInput, onTaskDone?: (fn: string, result: unknown) => void, signal?: AbortSignal): Promise<ExecutionReport>;
  close(): Promise<void>;
}
