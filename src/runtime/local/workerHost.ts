/**
 * Runs inside a worker thread: the local stand-in for a Lambda execution environment. Loads the
 * same handler bundles that are deployed (dist/functions/<name>/index.mjs), once per function,
 * and runs one invocation at a time with a Lambda-shaped context.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface HostRequest {
  readonly id: number;
  readonly fn: string;
  readonly payload: unknown;
  readonly memoryMb: number;
  readonly timeoutMs: number;
  /** Fault injection: wait this long inside the invocation before the handler runs. */
  readonly delayMs?: number;
}

export type HostResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown; readonly durationMs: number }
  | { readonly id: number; readonly ok: false; readonly errorType: string; readonly errorMessage: string; readonly durationMs: number };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const { functionsDir, preload } = workerData as { functionsDir: string; preload: readonly string[] };
const handlers = new Map<string, Promise<Handler>>();

function handlerFor(fn: string): Promise<Handler> {
  let h = handlers.get(fn);
  if (h === undefined) {
    h = import(`${functionsDir}/${fn}/index.mjs`).then((m: { handler: Handler }) => m.handler);
    handlers.set(fn, h);
  }
  return h;
}

// Load these bundles now, while the worker would otherwise wait for its first invocation.
for (const fn of preload) handlerFor(fn).catch(() => handlers.delete(fn));

let sequence = 0;

parentPort!.on('message', (req: HostRequest) => {
  void (async () => {
    const started = performance.now();
    const deadline = Date.now() + req.timeoutMs;
    try {
      if (req.delayMs !== undefined) await new Promise((r) => setTimeout(r, req.delayMs));
      const handler = await handlerFor(req.fn);
      const context = {
        functionName: req.fn,
        memoryLimitInMB: String(req.memoryMb),
        awsRequestId: `local-${process.pid}-${++sequence}`,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
      const result = await handler(req.payload, context);
      parentPort!.postMessage({ id: req.id, ok: true, result, durationMs: performance.now() - started } satisfies HostResponse);
    } catch (err) {
      const e = err as Error;
      parentPort!.postMessage({
        id: req.id,
        ok: false,
        errorType: e.name || 'Error',
        errorMessage: e.message ?? String(err),
        durationMs: performance.now() - started,
      } satisfies HostResponse);
    }
  })();
});
