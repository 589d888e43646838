/**
 * The embedded runtime: the deployed ASL run in-process, its Tasks dispatched to a pool of
 * worker threads that load the deployed handler bundles, either directly or through the Lambda
 * invoke API on loopback with the SDK's LambdaClient.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import definition from '../../../state-machines/query.asl.json' with { type: 'json' };
import limits from '../../../functions/limits.json' with { type: 'json' };
import type { FinalizeOutput, QueryInput } from '../engine/messages.ts';
import type { ExecutionObserver, ExecutionReport, QueryExecutor } from '../executor.ts';
import { poolDispatcher, type TaskDispatcher } from './dispatchers.ts';
import { startLambdaApiServer, type LambdaApiServer } from './lambdaApiServer.ts';
import type { FaultInjector } from './localStateMachine.ts';
import { WorkerPool, type InvocationRecord } from './workerPool.ts';

export const QUERY_STATE_MACHINE = definition as unknown as StateMachineDefinition;
export const FUNCTION_LIMITS = limits;

export interface LocalExecutorOptions {
  readonly workers: number;
  /** The package directory holding dist/. */
  readonly root: string;
  /** 'lambda-api': Tasks call the Lambda invoke API on loopback through the SDK. */
  readonly dispatch?: 'direct' | 'lambda-api';
  readonly faults?: FaultInjector;
  readonly retryDelayMs?: number;
  /** Every function's memory size, MB, instead of functions/limits.json's. */
  readonly memoryMb?: number;
}

export function startPool(workers: number, root: string, preload: readonly string[] = [], memoryMb?: number): WorkerPool {
  const sized = memoryMb === undefined ? limits : Object.fromEntries(Object.entries(limits).map(([fn, l]) => [fn, { ...l, memorySize: memoryMb }]));
  return new WorkerPool(
    workers,
    sized,
    path.join(root, 'dist', 'runtime', 'workerHost.mjs'),
    pathToFileURL(path.join(root, 'dist', 'functions')).href,
    preload,
  );
}

export class LocalExecutor implements QueryExecutor {
  /** Scans and merges: `workers` threads, the query's parallelism. */
  private readonly pool: WorkerPool;
  /**
   * Planning and finalizing, on a thread of their own, as they are functions of their own on
   * Lambda: the planner need not wait for the scan workers to load their code, nor they for it.
   */
  private readonly control: WorkerPool;
  private apiServer: Promise<{ server: LambdaApiServer; dispatcher: TaskDispatcher & { close(): void } }> | null = null;

  constructor(private readonly opts: LocalExecutorOptions) {
    this.pool = startPool(opts.workers, opts.root, ['scan'], opts.memoryMb);
    this.control = startPool(1, opts.root, ['plan', 'merge'], opts.memoryMb);
  }

  get parallelism(): number {
    return this.pool.size;
  }

  private async dispatcher(): Promise<TaskDispatcher> {
    if (this.opts.dispatch !== 'lambda-api') {
      const scans = poolDispatcher(this.pool);
      const control = poolDispatcher(this.control);
      return { invoke: (fn, payload, o) => (isControl(fn) ? control : scans).invoke(fn, payload, o) };
    }
    // The Lambda SDK client loads only in this mode.
    this.apiServer ??= Promise.all([startLambdaApiServer(this.pool, Object.keys(limits)), import('./lambdaApiDispatcher.ts')]).then(([server, m]) => ({
      server,
      dispatcher: m.lambdaApiDispatcher(server.endpoint, (fn) => `arn:aws:lambda:us-east-1:000000000000:function:squall-local-${fn}`),
    }));
    return (await this.apiServer).dispatcher;
  }

  async execute(
    input: QueryInput,
    onTaskDone?: (fn: string, result: unknown) => void,
    signal?: AbortSignal,
    observer?: ExecutionObserver,
  ): Promise<ExecutionReport> {
    // The interpreter (aws-local-stepfunctions) loads while the workers boot.
    const { runStateMachine, errorFromExecution, ExecutionFailure } = await import('./localStateMachine.ts');
    const onInvocation = observer?.invocation;
    const listener = onInvocation === undefined ? null : (r: InvocationRecord): void => (r.queryId === input.queryId ? onInvocation(r) : undefined);
    if (listener !== null) for (const p of [this.control, this.pool]) p.listeners.add(listener);
    let run;
    let invocations: InvocationRecord[];
    try {
      run = await runStateMachine(QUERY_STATE_MACHINE, input, await this.dispatcher(), {
        ...(this.opts.faults ? { faults: this.opts.faults } : {}),
        ...(this.opts.retryDelayMs !== undefined ? { retryDelayMs: this.opts.retryDelayMs } : {}),
        ...(onTaskDone ? { onTaskDone } : {}),
        ...(signal ? { signal } : {}),
        ...(observer?.transition ? { onTransition: observer.transition } : {}),
      });
    } catch (err) {
      throw err instanceof ExecutionFailure ? errorFromExecution(err.error, err.cause) : err;
    } finally {
      if (listener !== null) for (const p of [this.control, this.pool]) p.listeners.delete(listener);
      // This query's attempts only (queries running at once share the pools), taken on failure
      // too so the pools' lists do not grow.
      invocations = [...takeRecords(this.control, input.queryId), ...takeRecords(this.pool, input.queryId)].sort((a, b) => a.startedAt - b.startedAt);
    }
    const { output, counts } = run;
    return {
      final: output as FinalizeOutput,
      invocations,
      standardTransitions: counts.standardTransitions,
      mapIterations: counts.mapIterations,
      retries: counts.retries,
    };
  }

  async close(): Promise<void> {
    if (this.apiServer !== null) {
      const { server, dispatcher } = await this.apiServer;
      dispatcher.close();
      await server.close();
    }
    await Promise.all([this.pool.close(), this.control.close()]);
  }
}

/** The planner and the final fragment: one invocation each per query. */
function isControl(fn: string): boolean {
  return fn === 'plan' || fn === 'merge';
}

/** The records of one query's invocations, removed from the pool's list (it would only grow). */
function takeRecords(pool: WorkerPool, queryId: string): InvocationRecord[] {
  const mine: InvocationRecord[] = [];
  const others: InvocationRecord[] = [];
  for (const r of pool.records) (r.queryId === queryId ? mine : others).push(r);
  pool.records.splice(0, pool.records.length, ...others);
  return mine;
}
