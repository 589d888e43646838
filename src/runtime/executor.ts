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

/** Told of billed events as they happen (a query's running cost); the local runtime sees them all. */
export interface ExecutionObserver {
  /** An invocation attempt of this query ended, failed ones included. */
  readonly invocation?: (r: InvocationRecord) => void;
  /** A Standard state was entered (a billed transition) or a Map iteration (an Express child) started. */
  readonly transition?: (kind: 'standard' | 'mapIteration') => void;
}

export interface QueryExecutor {
  /** Invocations that can run at once (sizes the fragments). */
  readonly parallelism: number;
  /**
   * Runs the query's state machine. Aborting `signal` stops the execution: it rejects with a
   * SquallError USER_CANCELED (locally, once the invocations already running have ended).
   */
  execute(
    input: QueryInput,
    onTaskDone?: (fn: string, result: unknown) => void,
    signal?: AbortSignal,
    observer?: ExecutionObserver,
  ): Promise<ExecutionReport>;
  close(): Promise<void>;
}
