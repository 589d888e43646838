/**
 * Runs the deployed ASL (state-machines/query.asl.json) in-process with aws-local-stepfunctions.
 * Every `lambda:invoke` Task is dispatched to the worker pool by the function its
 * `Fn::GetAtt` names, so the same file serves AWS and the laptop. Counts state transitions and
 * Map iterations (the Step Functions bill) from the execution's event log.
 */
import './polyfills.ts';
import { ExecutionAbortedError, ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { errorFromExecution, queryCanceled } from '../executionError.ts';
import type { TaskDispatcher } from './dispatchers.ts';
import { InvocationError, type InvokeOptions } from './workerPool.ts';

/** A fault to inject into one invocation attempt (tests of Retry and idempotence). */
export type Fault =
  | { readonly kind: 'fail'; readonly errorType: string }
  | { readonly kind: 'timeout'; readonly afterMs: number; readonly keepRunning?: boolean }
  /** A straggler: the invocation starts its work `delayMs` late, billed as such. */
  | { readonly kind: 'slow'; readonly delayMs: number };

export type FaultInjector = (fn: string, payload: unknown, attempt: number) => Fault | null;

export interface ExecutionCounts {
  /** StateEntered events outside Map iterations: Standard workflow transitions. */
  standardTransitions: number;
  /** Map iterations: child executions of the distributed Maps (Express). */
  mapIterations: number;
  retries: number;
}

export interface RunOptions {
  readonly faults?: FaultInjector;
  /** Milliseconds to wait before each retry, instead of the ASL's backoff. */
  readonly retryDelayMs?: number;
  /** Called with each successful invocation's function and result (progress reporting). */
  readonly onTaskDone?: (fn: string, result: unknown) => void;
  /**
   * Cancels the execution: no Task dispatches another invocation, the interpreter is aborted,
   * and the run rejects with USER_CANCELED once the invocations already running have ended (so
   * nothing writes to the query's scratch after the caller cleans it).
   */
  readonly signal?: AbortSignal;
  /** Called as each Standard transition or Map iteration is counted (a query's running cost). */
  readonly onTransition?: (kind: 'standard' | 'mapIteration') => void;
}

interface TaskBinding {
  readonly state: string;
  readonly fn: string;
}

type JsonObject = { [k: string]: unknown };

/** Task states and the function each invokes, including those inside Map processors. */
export function taskBindings(definition: StateMachineDefinition): TaskBinding[] {
  const out: TaskBinding[] = [];
  const visit = (states: Record<string, unknown>): void => {
    for (const [name, raw] of Object.entries(states)) {
      const s = raw as JsonObject;
      if (s.Type === 'Task') {
        const params = (s.Parameters ?? {}) as JsonObject;
        const fnRef = params.FunctionName as JsonObject | string | undefined;
        const getAtt = typeof fnRef === 'object' && fnRef !== null ? (fnRef['Fn::GetAtt'] as unknown[] | undefined) : undefined;
        const fn = typeof fnRef === 'string' ? fnRef : typeof getAtt?.[0] === 'string' ? getAtt[0] : null;
        if (fn === null) throw new Error(`Task ${name}: cannot tell which function it invokes`);
        out.push({ state: name, fn });
      }
      const processor = (s.ItemProcessor ?? s.Iterator) as { States?: Record<string, unknown> } | undefined;
      if (processor?.States) visit(processor.States);
    }
  };
  visit(definition.States as Record<string, unknown>);
  return out;
}

export async function runStateMachine(
  definition: StateMachineDefinition,
  input: unknown,
  dispatcher: TaskDispatcher,
  opts: RunOptions = {},
): Promise<{ output: unknown; counts: ExecutionCounts }> {
  // The definition is validated by `npm run validate` and the tests; validating it again per query
  // costs ~0.4 s of JSON-schema work in the library.
  const sm = new StateMachine(definition, { validationOptions: { noValidate: true } });
  const attempts = new Map<string, number>();
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const bindings = taskBindings(definition);
  const signal = opts.signal;
  if (signal?.aborted) throw queryCanceled();
  /** Invocations dispatched and not yet ended (awaited on cancel). */
  const inFlight = new Set<Promise<unknown>>();
  /** Set once the execution has failed: iterations still running start nothing more. */
  let failed = false;
  for (const b of bindings) {
    handlers[b.state] = async (taskInput: unknown) => {
      if (signal?.aborted || failed) throw queryCanceled();
      const payload = (taskInput as { Payload?: unknown }).Payload ?? taskInput;
      const key = `${b.state}:${JSON.stringify(payload)}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const fault = opts.faults?.(b.fn, payload, attempt) ?? null;
      if (fault?.kind === 'fail') throw new InvocationError(fault.errorType, `injected ${fault.errorType} (attempt ${attempt})`);
      const invokeOpts: InvokeOptions =
        fault?.kind === 'timeout'
          ? { timeoutMs: fault.afterMs, keepRunningAfterTimeout: fault.keepRunning ?? false }
          : fault?.kind === 'slow'
            ? { delayMs: fault.delayMs }
            : {};
      const invocation = dispatcher.invoke(b.fn, payload, invokeOpts);
      inFlight.add(invocation);
      const result = await invocation.finally(() => inFlight.delete(invocation));
      if (signal?.aborted) throw queryCanceled();
      opts.onTaskDone?.(b.fn, result);
      return { Payload: result, StatusCode: 200 };
    };
  }
  const retryIntervalOverrides =
    opts.retryDelayMs === undefined ? undefined : Object.fromEntries(bindings.map((b) => [b.state, opts.retryDelayMs!]));
  const execution = sm.run(input as never, {
    overrides: { taskResourceLocalHandlers: handlers as never, ...(retryIntervalOverrides ? { retryIntervalOverrides } : {}) },
  });
  const onAbort = (): void => execution.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const counts: ExecutionCounts = { standardTransitions: 0, mapIterations: 0, retries: 0 };
  const counting = (async () => {
    for await (const ev of execution.eventLogs) {
      const e = ev as { type: string; index?: number };
      if (e.type === 'StateEntered' && e.index === undefined) {
        counts.standardTransitions++;
        opts.onTransition?.('standard');
      } else if (e.type === 'MapIterationStarted') {
        counts.mapIterations++;
        opts.onTransition?.('mapIteration');
      }
      else if (e.type === 'StateRetried') counts.retries++;
    }
  })();
  try {
    const output = await execution.result;
    await counting;
    return { output, counts };
  } catch (err) {
    failed = true;
    await counting.catch(() => undefined);
    // Running invocations end on their own (their workers serve other queries); wait for them,
    // so that nothing writes to scratch after the caller cleans it and every attempt is billed.
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    if (signal?.aborted || err instanceof ExecutionAbortedError) throw queryCanceled();
    throw executionFailure(err);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}


/**
 * A failed execution as Step Functions reports it: the failing state's error name, and a cause
 * that for a Lambda function error is the function's error payload as JSON.
 */
export class ExecutionFailure extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'ExecutionFailure';
  }
}

function executionFailure(err: unknown): ExecutionFailure {
  const inner = err instanceof ExecutionError ? (err as Error & { cause?: unknown }).cause : err;
  const c = inner as { name?: string; message?: string } | undefined;
  const name = c?.name ?? 'States.Runtime';
  return new ExecutionFailure(name, JSON.stringify({ errorType: name, errorMessage: c?.message ?? String(err) }));
}

export { errorFromExecution };
