/**
 * Straggler mitigation for reads (Starling, SIGMOD 2020): most S3 GETs answer in tens of
 * milliseconds but a few take over a second, and a scan waits for its slowest read. Re-issuing a
 * read that is late costs one extra request and usually lands on a faster server.
 */

/** Why a losing attempt was aborted: lets attempts tell a lost race from a real failure. */
export class HedgeLostError extends Error {
  constructor() {
    super('hedged request lost the race');
    this.name = 'HedgeLostError';
  }
}

export interface HedgeOutcome<T> {
  readonly value: T;
  /** Which attempt won: 0 the original, 1 the re-issue. */
  readonly winner: 0 | 1;
  /** Whether a second attempt was started. */
  readonly hedged: boolean;
}

/**
 * Run `attempt`; if it has not settled after `afterMs`, start one more and take whichever
 * succeeds first, aborting the other through its signal.
 *
 * Only lateness triggers the re-issue: an attempt that FAILS before the deadline fails the call,
 * because a missing object or a denied request would fail again, and transient errors are
 * already retried by the SDK. Once both run, the call fails only when both have failed (with
 * the first attempt's error). `afterMs` undefined or <= 0 disables hedging.
 */
export function hedged<T>(
  attempt: (signal: AbortSignal, attemptNo: 0 | 1) => Promise<T>,
  afterMs: number | undefined,
): Promise<HedgeOutcome<T>> {
  if (afterMs === undefined || afterMs <= 0) {
    return attempt(new AbortController().signal, 0).then((value) => ({ value, winner: 0, hedged: false }));
  }
  return new Promise<HedgeOutcome<T>>((resolve, reject) => {
    const controllers: AbortController[] = [];
    // Boxed, so that a rejection with `undefined` still counts as a failure.
    const failures: Array<{ err: unknown } | undefined> = [];
    let settled = false;
    let timer: NodeJS.Timeout | undefined;

    const launch = (attemptNo: 0 | 1): void => {
      const controller = new AbortController();
      controllers.push(controller);
      attempt(controller.signal, attemptNo).then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          for (const c of controllers) if (c !== controller) c.abort(new HedgeLostError());
          resolve({ value, winner: attemptNo, hedged: controllers.length > 1 });
        },
        (err: unknown) => {
          if (settled) return;
          failures[attemptNo] = { err };
          const started = controllers.length;
          const failed = failures.filter((f) => f !== undefined).length;
          // Before the deadline a failure is final; after it, wait for the other attempt.
          if (started === 1 || failed === started) {
            settled = true;
            clearTimeout(timer);
            reject((failures[0] ?? { err }).err);
          }
        },
      );
    };

    launch(0);
    timer = setTimeout(() => {
      if (!settled) launch(1);
    }, afterMs);
  });
}
