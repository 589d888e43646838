/**
 * How the local state machine's Task states reach the functions: straight to the worker pool
 * (the embedded default), or through the Lambda invoke API with the SDK's LambdaClient, as
 * Step Functions' `lambda:invoke` integration does on AWS.
 */
import type { InvokeOptions, WorkerPool } from './workerPool.ts';

export interface TaskDispatcher {
  invoke(fn: string, payload: unknown, opts: InvokeOptions): Promise<unknown>;
}

export function poolDispatcher(pool: WorkerPool): TaskDispatcher {
  return { invoke: (fn, payload, opts) => pool.invoke(fn, payload, opts) };
}

