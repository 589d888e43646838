/**
 * Who runs the query service's queries. The protocol code (StatementService) is the same
 * whichever runs them: in this process over the engine (`squall serve`: InProcessRunner), or
 * as a Step Functions execution the api Lambda starts and later asks about
 * (stepFunctionsRunner.ts). A runner moves the query's record along in the store (RUNNING,
 * then FINISHED with its result pages and figures, or FAILED with its error).
 */
import { clientRows } from '../resultFormats.ts';
import type { QueryOptions, QueryProgress, QueryResult, Session } from '../squall.ts';
import { queryError } from './queryErrors.ts';
import type { QueryRecord, QueryStore } from './queryStore.ts';
import type { ResultStore } from './resultStore.ts';

/** What the in-process runner needs of the engine (a `Squall`). */
export interface QueryEngine {
  query(sql: string, session: Session, onProgress?: (p: QueryProgress) => void, options?: QueryOptions): Promise<QueryResult>;
}

export interface QueryRunner {
  /** Starts a query just stored QUEUED and answers at once with its record as it now stands. */
  start(record: QueryRecord): Promise<QueryRecord>;
  /** The query's record brought up to date, after waiting at most `waitMs` for it to end. */
  wait(record: QueryRecord, waitMs: number): Promise<QueryRecord>;
  /** Stops a query its caller has marked canceled in the store, and drops what it wrote. */
  cancel(record: QueryRecord): Promise<void>;
  /**
   * Resolves when every query this process runs in the background has ended here. A Lambda
   * handler awaits it before returning, as a frozen sandbox would never record the outcome.
   */
  settle(): Promise<void>;
}

export interface InProcessRunnerOptions {
  readonly engine: QueryEngine;
  readonly store: QueryStore;
  readonly results: ResultStore;
}

/** Runs each query in this process, in the background, over the engine. */
export class InProcessRunner implements QueryRunner {
  private readonly running = new Map<string, Promise<void>>();
  /** Each running query's cancel switch. */
  private readonly cancels = new Map<string, AbortController>();

  constructor(private readonly opts: InProcessRunnerOptions) {}

  async start(record: QueryRecord): Promise<QueryRecord> {
    const id = record.queryId;
    const cancel = new AbortController();
    this.cancels.set(id, cancel);
    const done = this.execute(record, cancel.signal).finally(() => {
      this.running.delete(id);
      this.cancels.delete(id);
    });
    this.running.set(id, done);
    return record;
  }

  async wait(record: QueryRecord, waitMs: number): Promise<QueryRecord> {
    if (record.endedAt !== null) return record;
    const pending = this.running.get(record.queryId);
    if (pending !== undefined) await waitAtMost(pending, waitMs);
    return (await this.opts.store.get(record.queryId)) ?? record;
  }

  /** The engine cleans the execution's scratch; a result that arrives anyway is dropped. */
  async cancel(record: QueryRecord): Promise<void> {
    this.cancels.get(record.queryId)?.abort();
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async execute(record: QueryRecord, signal: AbortSignal): Promise<void> {
    const { store, engine, results } = this.opts;
    const id = record.queryId;
    await store.update(id, (r) => ({ ...r, state: 'RUNNING', startedAt: Date.now() }));
    const onProgress = (p: QueryProgress): void => {
      void store.update(id, (r) => ({
        ...r,
        processedRows: p.rowsScanned,
        progress: { totalSplits: p.tasksTotal, completedSplits: p.tasksDone, processedBytes: p.bytesScanned },
      }));
    };
    try {
      const result = await engine.query(record.sql, { catalog: record.catalog, schema: record.schema }, onProgress, { signal, user: record.user, source: record.source });
      if ((await store.get(id))?.canceled) return;
      const ref = await results.put(id, result.columns, clientRows(result.columns, result.batch));
      const ended = await store.update(id, (r) => ({
        ...r,
        state: 'FINISHED',
        endedAt: Date.now(),
        processedRows: result.stats.rowsScanned,
        progress: { ...r.progress, completedSplits: r.progress.totalSplits, processedBytes: result.stats.bytesScanned },
        result: ref,
        stats: result.stats,
      }));
      // Canceled while the rows were being stored: no one will read them.
      if (ended?.result !== ref) await results.delete(id);
    } catch (err) {
      // A canceled query keeps the error its cancel recorded.
      if ((await store.get(id))?.canceled) return;
      await store.update(id, (r) => ({ ...r, state: 'FAILED', endedAt: Date.now(), error: queryError(err) }));
    }
  }
}

/** Waits for `p`, or `ms` (no bound when infinite), whichever comes first. */
export async function waitAtMost(p: Promise<unknown>, ms: number): Promise<void> {
  if (!Number.isFinite(ms)) {
    await p;
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
