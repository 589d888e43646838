/**
 * Queries on AWS: start an execution of the deployed state machine with @aws-sdk/client-sfn and
 * wait for it. Lambda's own figures come from what each handler reports with its partials (a
 * failed attempt reports nothing, so billed GB-seconds are a lower bound); transitions and Map
 * iterations follow from the plan's shape.
 */
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand, StopExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { SquallError } from '../../errors.ts';
import type { FinalizeOutput, QueryInput } from '../engine/messages.ts';
import { storeFor } from '../../storage/stores.ts';
import { readTaskCosts } from '../engine/taskCosts.ts';
import type { ExecutionObserver, ExecutionReport, QueryExecutor } from '../executor.ts';
import { errorFromExecution, queryCanceled } from '../executionError.ts';

export interface AwsExecutorOptions {
  readonly stateMachineArn: string;
  readonly region?: string;
  /** An SFN-compatible endpoint (tests, emulators); AWS's own when absent. */
  readonly endpoint?: string;
  /** Scan invocations the account can run at once (sizes fragments). */
  readonly parallelism?: number;
}

/** Polls of DescribeExecution while waiting: quick at first, then at most once a second. */
export const POLL_FIRST_MS = 50;
export const POLL_MAX_MS = 1000;

export class AwsExecutor implements QueryExecutor {
  private readonly client: SFNClient;
  readonly parallelism: number;

  constructor(private readonly opts: AwsExecutorOptions) {
    this.client = new SFNClient({
      ...(opts.region ? { region: opts.region } : {}),
      ...(opts.endpoint ? { endpoint: opts.endpoint, disableHostPrefix: true } : {}),
    });
    this.parallelism = opts.parallelism ?? 500;
  }

  /**
   * Aborting `signal` stops the execution (StopExecution) at the next poll. For a query with a
   * cost cap, each poll also hands the tasks' new cost markers (engine/taskCosts.ts) to
   * `observer` and `onTaskDone`, as the local runtime reports invocations, so the caller's cost
   * meter can trip and stop it.
   */
  async execute(input: QueryInput, onTaskDone?: (fn: string, result: unknown) => void, signal?: AbortSignal, observer?: ExecutionObserver): Promise<ExecutionReport> {
    if (signal?.aborted) throw queryCanceled();
    const started = await this.client.send(
      new StartExecutionCommand({ stateMachineArn: this.opts.stateMachineArn, name: input.queryId, input: JSON.stringify(input) }),
    );
    const executionArn = started.executionArn!;
    const feed = input.cost.caps.length > 0 ? taskCostFeed(input, observer, onTaskDone) : null;
    let wait = POLL_FIRST_MS;
    for (;;) {
      if (signal?.aborted) {
        // Whatever stopping says, the execution's state below decides.
        await stopExecution(this.client, executionArn, queryCanceled()).catch(() => undefined);
        // One that ended first keeps its outcome: stopping a finished query changes nothing.
        const ended = executionOutcome(executionArn, await this.client.send(new DescribeExecutionCommand({ executionArn })));
        if (ended.kind === 'succeeded') return ended.report;
        throw queryCanceled();
      }
      const outcome = executionOutcome(executionArn, await this.client.send(new DescribeExecutionCommand({ executionArn })));
      if (outcome.kind === 'succeeded') return outcome.report;
      if (outcome.kind === 'failed') throw outcome.error;
      await feed?.();
      await sleep(wait, signal);
      wait = Math.min(POLL_MAX_MS, wait * 2);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

/**
 * Transitions of query.asl.json for a plan: Plan, MoreStages and Finalize, plus NextStage,
 * RunStage and MoreStages per stage; one Map iteration per task.
 */
export function executionShape(final: FinalizeOutput): { standardTransitions: number; mapIterations: number } {
  const stages = final.stages.byStage;
  return { standardTransitions: 3 + 3 * stages.length, mapIterations: stages.reduce((s, g) => s + g.invocations, 0) };
}

export type ExecutionOutcome =
  | { readonly kind: 'running' }
  | { readonly kind: 'succeeded'; readonly report: ExecutionReport }
  | { readonly kind: 'failed'; readonly error: SquallError };

/** What a DescribeExecution answer means for the query: still running, its report, or its error. */
export function executionOutcome(executionArn: string, d: Pick<DescribeExecutionCommandOutput, 'status' | 'output' | 'error' | 'cause'>): ExecutionOutcome {
  switch (d.status) {
    case 'RUNNING':
    case 'PENDING_REDRIVE':
      return { kind: 'running' };
    case 'SUCCEEDED': {
      const final = JSON.parse(d.output ?? 'null') as FinalizeOutput;
      return { kind: 'succeeded', report: { final, invocations: null, ...executionShape(final), retries: 0 } };
    }
    case 'FAILED':
      return { kind: 'failed', error: errorFromExecution(d.error ?? 'States.Runtime', d.cause ?? '') };
    case 'ABORTED':
      return { kind: 'failed', error: queryCanceled() };
    case 'TIMED_OUT':
      return { kind: 'failed', error: new SquallError('EXCEEDED_TIME_LIMIT', `Execution ${executionArn} timed out`) };
    default:
      return { kind: 'failed', error: new SquallError('GENERIC_INTERNAL_ERROR', `Execution ${executionArn} ended as ${d.status ?? 'unknown'}`) };
  }
}

/** Stops the execution, failing it with `error` (its code as the Step Functions error); one already gone is left be. */
export async function stopExecution(client: SFNClient, executionArn: string, error: SquallError): Promise<void> {
  try {
    await client.send(new StopExecutionCommand({ executionArn, error: `Squall.${error.code}`, cause: error.message }));
  } catch (err) {
    if (!(err instanceof Error && err.name === 'ExecutionDoesNotExist')) throw err;
  }
}


/** Waits `ms`, or less if `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Reads the query's task cost markers and reports each new one once: as an invocation of the
 * task function and as a finished task with its S3 requests (what a cost meter counts).
 */
export function taskCostFeed(
  input: QueryInput,
  observer: ExecutionObserver | undefined,
  onTaskDone: ((fn: string, result: unknown) => void) | undefined,
): () => Promise<void> {
  const store = storeFor(input.scratch, input.scratchS3 ?? undefined);
  const seen = new Set<string>();
  return async () => {
    for (const [name, c] of await readTaskCosts(store, input.scratch, input.queryId)) {
      if (seen.has(name)) continue;
      seen.add(name);
      observer?.invocation?.({ fn: 'scan', queryId: input.queryId, item: `${c.stage}/${c.task}`, startedAt: 0, durationMs: c.durationMs, memoryMb: c.memoryMb, ok: true });
      onTaskDone?.('scan', { stage: c.stage, task: c.task, requests: { s3Gets: c.s3Gets, s3PutsAndLists: c.s3PutsAndLists } });
    }
  };
}
