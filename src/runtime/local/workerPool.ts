/**
 * The local Lambda service: a pool of worker threads running the deployed handler bundles.
 * Invocations queue when every worker is busy (like a concurrency limit), each runs under its
 * function's timeout (the worker is killed and replaced, as Lambda does), and every attempt is
 * recorded with its duration and memory for billing.
 */
import { Worker } from 'node:worker_threads';
import type { HostRequest, HostResponse } from './workerHost.ts';

export interface FunctionLimit {
  readonly memorySize: number;
  /** Seconds. */
  readonly timeout: number;
}

export interface InvocationRecord {
  readonly fn: string;
  /** The query the payload names (every Squall payload carries its query id). */
  readonly queryId?: string;
  /**
   * The stage task (`<stage>/<task>`) a Map iteration's payload names: attempts with the same
   * item are one Express child execution of the distributed Map.
   */
  readonly item?: string;
  /** When the attempt began, in performance.now() milliseconds of the pool's thread. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly ok: boolean;
  readonly errorType?: string;
}

export interface InvokeOptions {
  /** Overrides the function's timeout (fault injection in tests). */
  readonly timeoutMs?: number;
  /**
   * On timeout, let the worker run on and finish its invocation in the background instead of
   * killing it: models a write that lands after the platform gave up on the attempt.
   */
  readonly keepRunningAfterTimeout?: boolean;
  /** Delays the start of the function's work inside the invocation (fault injection: a straggler). */
  readonly delayMs?: number;
}

/** An error as the Lambda invoke integration reports it: `name` is the errorType. */
export class InvocationError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

interface PooledWorker {
  readonly worker: Worker;
  busy: boolean;
  /** Resolves the invocation in flight. */
  onResponse: ((r: HostResponse) => void) | null;
  onFailure: ((err: Error) => void) | null;
}

interface Pending {
  readonly fn: string;
  readonly payload: unknown;
  readonly opts: InvokeOptions;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
}

export class WorkerPool {
  private readonly workers: PooledWorker[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  readonly records: InvocationRecord[] = [];
  /** Told of every attempt as it ends (a query's running cost). */
  readonly listeners = new Set<(r: InvocationRecord) => void>();
  /** Workers running an abandoned (timed-out) invocation, awaited by close(). */
  private readonly zombies = new Set<Promise<void>>();

  constructor(
    readonly size: number,
    private readonly limits: Readonly<Record<string, FunctionLimit>>,
    private readonly hostPath: string,
    private readonly functionsDir: string,
    /**
     * Functions whose bundles every worker loads as soon as it starts. Workers then start at
     * once, and their cold start (module compile, wasm instantiation) overlaps the planning
     * instead of delaying the first scans, as provisioned concurrency does on Lambda.
     */
    private readonly preload: readonly string[] = [],
  ) {
    if (preload.length > 0) for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): PooledWorker {
    const maxMemory = Math.max(...Object.values(this.limits).map((l) => l.memorySize));
    const worker = new Worker(this.hostPath, {
      workerData: { functionsDir: this.functionsDir, preload: this.preload },
      // The function's memory size bounds the worker's JS heap, as Lambda bounds the sandbox.
      resourceLimits: { maxOldGenerationSizeMb: maxMemory },
      stdout: false,
      stderr: false,
    });
    const pw: PooledWorker = { worker, busy: false, onResponse: null, onFailure: null };
    worker.on('message', (r: HostResponse) => pw.onResponse?.(r));
    worker.on('error', (err: Error & { code?: string }) => {
      const out =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new InvocationError('Squall.EXCEEDED_MEMORY_LIMIT', JSON.stringify({ code: 'EXCEEDED_MEMORY_LIMIT', type: 'INSUFFICIENT_RESOURCES', message: `Function exceeded its memory limit (${maxMemory} MB)` }))
          : // Step Functions reports a crashed function runtime as Lambda.Unknown (retried).
            new InvocationError('Lambda.Unknown', `worker crashed: ${err.message}`);
      pw.onFailure?.(out);
    });
    worker.on('exit', () => {
      pw.onFailure?.(new InvocationError('Lambda.Unknown', 'worker exited during the invocation'));
      this.remove(pw);
    });
    this.workers.push(pw);
    return pw;
  }

  private remove(pw: PooledWorker): void {
    const i = this.workers.indexOf(pw);
    if (i >= 0) this.workers.splice(i, 1);
  }

  invoke(fn: string, payload: unknown, opts: InvokeOptions = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ fn, payload, opts, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let pw = this.workers.find((w) => !w.busy);
      if (pw === undefined) {
        if (this.workers.length >= this.size) return;
        pw = this.spawn();
      }
      this.run(pw, this.queue.shift()!);
    }
  }

  private run(pw: PooledWorker, job: Pending): void {
    const limit = this.limits[job.fn];
    if (limit === undefined) {
      job.reject(new InvocationError('Lambda.ResourceNotFoundException', `Function not found: ${job.fn}`));
      return;
    }
    pw.busy = true;
    const id = this.nextId++;
    const timeoutMs = job.opts.timeoutMs ?? limit.timeout * 1000;
    const started = performance.now();
    let settled = false;
    const queryId = queryIdOf(job.payload);
    const item = itemOf(job.payload);
    const finish = (record: InvocationRecord): void => {
      const full = { ...record, ...(queryId !== undefined ? { queryId } : {}), ...(item !== undefined ? { item } : {}) };
      this.records.push(full);
      for (const listener of this.listeners) listener(full);
      pw.onResponse = null;
      pw.onFailure = null;
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      finish({ fn: job.fn, startedAt: started, durationMs: timeoutMs, memoryMb: limit.memorySize, ok: false, errorType: 'Sandbox.Timedout' });
      job.reject(new InvocationError('Sandbox.Timedout', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`));
      if (job.opts.keepRunningAfterTimeout) {
        // The abandoned worker finishes in the background, then retires.
        this.remove(pw);
        const done = new Promise<void>((res) => {
          pw.onResponse = () => res();
          pw.onFailure = () => res();
        }).then(() => pw.worker.terminate().then(() => undefined));
        this.zombies.add(done);
        void done.finally(() => this.zombies.delete(done));
      } else {
        this.remove(pw);
        void pw.worker.terminate();
      }
      this.dispatch();
    }, timeoutMs);

    pw.onResponse = (r) => {
      if (settled || r.id !== id) return;
      settled = true;
      clearTimeout(timer);
      finish({ fn: job.fn, startedAt: started, durationMs: r.durationMs, memoryMb: limit.memorySize, ok: r.ok, ...(r.ok ? {} : { errorType: r.errorType }) });
      pw.busy = false;
      if (r.ok) job.resolve(r.result);
      else job.reject(new InvocationError(r.errorType, r.errorMessage));
      this.dispatch();
    };
    pw.onFailure = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish({ fn: job.fn, startedAt: started, durationMs: performance.now() - started, memoryMb: limit.memorySize, ok: false, errorType: err.name });
      this.remove(pw);
      void pw.worker.terminate();
      job.reject(err);
      this.dispatch();
    };
    const req: HostRequest = { id, fn: job.fn, payload: job.payload, memoryMb: limit.memorySize, timeoutMs, ...(job.opts.delayMs ? { delayMs: job.opts.delayMs } : {}) };
    pw.worker.postMessage(req);
  }

  /** Wait for abandoned invocations, then stop every worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.zombies]);
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
  }
}

function itemOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { stage, task } = payload as { stage?: unknown; task?: unknown };
  return typeof stage === 'number' && typeof task === 'number' ? `${stage}/${task}` : undefined;
}

function queryIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('queryId' in payload)) return undefined;
  const id = (payload as { queryId: unknown }).queryId;
  return typeof id === 'string' ? id : undefined;
}
