/**
 * Where the query service keeps each query's state between requests. The in-memory store serves
 * one process (`squall serve`); the DynamoDB store serves the api Lambda, as every field is
 * plain JSON. Result rows live apart, in a ResultStore: a record holds only where they are.
 */
import { InternalError } from '../../errors.ts';
import type { CostCap } from '../accounting/costLimits.ts';
import type { ResultRef } from '../engine/resultPages.ts';
import type { QueryStats } from '../squall.ts';
import type { QueryError, QueryState } from './protocol.ts';

export interface QueryProgressRecord {
  readonly totalSplits: number;
  readonly completedSplits: number;
  readonly processedBytes: number;
}

export interface QueryRecord {
  readonly queryId: string;
  /** Unguessable part of every nextUri: knowing a query id is not enough to read it. */
  readonly slug: string;
  readonly user: string;
  readonly source: string | null;
  /** `X-Trino-Client-Tags`: labels a client puts on its queries (a dashboard, a team). */
  readonly clientTags: readonly string[];
  readonly sql: string;
  readonly catalog: string | null;
  readonly schema: string | null;
  readonly state: QueryState;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly progress: QueryProgressRecord;
  readonly processedRows: number;
  readonly error: QueryError | null;
  readonly canceled: boolean;
  /** The tightest of the caller's cost caps, which the runner holds a running query to; null: none. */
  readonly costCap: CostCap | null;
  /** The Step Functions execution running the query (the api Lambda's runner), else null. */
  readonly executionArn: string | null;
  /** Where a FINISHED query's result pages are (in the service's ResultStore). */
  readonly result: ResultRef | null;
  /** A FINISHED query's figures (the JSON endpoint's `stats`). */
  readonly stats: QueryStats | null;
}

/** Query state: small, one record per query. */
export interface QueryStore {
  create(record: QueryRecord): Promise<void>;
  get(queryId: string): Promise<QueryRecord | undefined>;
  /**
   * Applies a change unless the query already ended (FINISHED and FAILED are final: a cancel
   * after the finish, or a late progress report, is a no-op returning the final record). A change
   * that moves the state backwards (RUNNING → QUEUED) is a bug and throws.
   */
  update(queryId: string, change: (r: QueryRecord) => QueryRecord): Promise<QueryRecord | undefined>;
}

const STATE_ORDER: Readonly<Record<QueryState, number>> = { QUEUED: 0, RUNNING: 1, FINISHED: 2, FAILED: 2 };

export function isFinalState(state: QueryState): boolean {
  return STATE_ORDER[state] === 2;
}

/** Throws unless `next` is a forward (or same-state) step from `current` of the same query. */
export function checkTransition(current: QueryRecord, next: QueryRecord): void {
  if (next.queryId !== current.queryId) throw new InternalError(`Query store update changed the query id of ${current.queryId}`);
  if (STATE_ORDER[next.state] < STATE_ORDER[current.state]) {
    throw new InternalError(`Query ${current.queryId} cannot go from ${current.state} back to ${next.state}`);
  }
}

/** One process's store. Ended queries are forgotten after `retainMs`. */
export class MemoryQueryStore implements QueryStore {
  private readonly records = new Map<string, QueryRecord>();

  constructor(private readonly retainMs = 15 * 60_000) {}

  async create(record: QueryRecord): Promise<void> {
    this.expire();
    this.records.set(record.queryId, record);
  }

  async get(queryId: string): Promise<QueryRecord | undefined> {
    return this.records.get(queryId);
  }

  async update(queryId: string, change: (r: QueryRecord) => QueryRecord): Promise<QueryRecord | undefined> {
    const current = this.records.get(queryId);
    if (current === undefined) return undefined;
    if (current.endedAt !== null || isFinalState(current.state)) return current;
    const next = change(current);
    checkTransition(current, next);
    this.records.set(queryId, next);
    return next;
  }

  private expire(): void {
    const cutoff = Date.now() - this.retainMs;
    for (const [id, r] of this.records) {
      if (r.endedAt !== null && r.endedAt < cutoff) this.records.delete(id);
    }
  }
}
