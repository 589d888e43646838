/**
 * The query service core: Trino's client REST protocol (v1) over the engine. POST /v1/statement
 * queues a query and answers at once; the query runs in the background; GET on each nextUri
 * reports progress (waiting a little for it), then pages of rows; DELETE cancels. Transport-free:
 * `squall serve` (node:http) and an API Gateway handler both adapt to `handle`.
 */
import { randomBytes } from 'node:crypto';
import { newQueryId } from '../queryId.ts';
import type { QueryOptions, QueryProgress, QueryResult, Session } from '../squall.ts';
import { toClientJson, type ClientValue } from '../../types/clientJson.ts';
import { valueAt } from '../../types/vector.ts';
import { authenticate, type AuthConfig } from './auth.ts';
import { header, jsonResponse, textResponse, type ApiRequest, type ApiResponse } from './http.ts';
import type { QueryResults, StatementStats } from './protocol.ts';
import { canceledError, queryError } from './queryErrors.ts';
import type { QueryRecord, QueryResultData, QueryStore } from './queryStore.ts';
import { clientColumns } from './typeSignature.ts';

/** What the service needs of the engine (a `Squall`). */
export interface QueryEngine {
  query(sql: string, session: Session, onProgress?: (p: QueryProgress) => void, options?: QueryOptions): Promise<QueryResult>;
}

export interface StatementServiceOptions {
  readonly engine: QueryEngine;
  readonly store: QueryStore;
  readonly auth?: AuthConfig | undefined;
  /** Rows per result page (default 1,000). */
  readonly pageRows?: number;
  /** Approximate JSON bytes per result page (default 1 MiB); a page holds at least one row. */
  readonly pageBytes?: number;
  /** How long a GET waits for a running query before answering RUNNING (default 1 s). */
  readonly maxWaitMs?: number;
  /** Makes query ids (default: Trino-style ids). */
  readonly newQueryId?: () => string;
}

const STATEMENT_PATH = /^\/v1\/statement\/(?:queued|executing)\/([A-Za-z0-9_]+)\/([A-Za-z0-9]+)\/(\d+)$/;
const QUERY_PATH = /^\/v1\/query\/([A-Za-z0-9_]+)$/;

export class StatementService {
  private readonly running = new Map<string, Promise<void>>();
  /** Each running query's cancel switch. */
  private readonly cancels = new Map<string, AbortController>();
  private readonly pageRows: number;
  private readonly pageBytes: number;
  private readonly maxWaitMs: number;
  private readonly newQueryId: () => string;

  constructor(private readonly opts: StatementServiceOptions) {
    this.pageRows = opts.pageRows ?? 1000;
    this.pageBytes = opts.pageBytes ?? 1 << 20;
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
    this.newQueryId = opts.newQueryId ?? newQueryId;
  }

  /**
   * Resolves when every query this process started has ended here. A Lambda handler awaits it
   * before returning, as a frozen sandbox would otherwise never record the outcome.
   */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    if (req.method === 'GET' && req.path === '/v1/info') {
      return jsonResponse(200, { nodeVersion: { version: 'squall-0.1.0' }, environment: 'squall', coordinator: true, starting: false });
    }
    const statement = STATEMENT_PATH.exec(req.path);
    const queryPath = QUERY_PATH.exec(req.path);
    if (req.path !== '/v1/statement' && statement === null && queryPath === null) return textResponse(404, 'Not found');
    const who = authenticate(req.headers, this.opts.auth);
    if (!who.ok) {
      return textResponse(who.status, who.message, who.status === 401 ? { 'www-authenticate': 'Bearer, Basic realm="squall"' } : {});
    }
    if (req.path === '/v1/statement') {
      return req.method === 'POST' ? this.submit(req, who.user) : textResponse(405, 'Method not allowed');
    }
    const queryId = (statement ?? queryPath)![1]!;
    const record = await this.opts.store.get(queryId);
    // Someone else's query, or a guessed link, is as good as no query.
    if (record === undefined || record.user !== who.user || (statement !== null && statement[2] !== record.slug)) {
      return textResponse(404, `Query not found: ${queryId}`);
    }
    if (req.method === 'DELETE') {
      await this.cancel(queryId);
      return { status: 204, headers: {}, body: '' };
    }
    if (req.method !== 'GET') return textResponse(405, 'Method not allowed');
    if (statement === null) return jsonResponse(200, { queryId, state: record.state, query: record.sql, self: `${req.baseUrl}/v1/query/${queryId}` });
    return this.page(record, Number(statement[3]), req.baseUrl);
  }

  private async submit(req: ApiRequest, user: string): Promise<ApiResponse> {
    const sql = req.body.trim();
    if (sql === '') return textResponse(400, 'SQL statement is empty');
    const h = (name: string): string | null => header(req.headers, `x-trino-${name}`) ?? header(req.headers, `x-presto-${name}`) ?? null;
    const record: QueryRecord = {
      queryId: this.newQueryId(),
      slug: randomBytes(12).toString('hex'),
      user,
      source: h('source'),
      sql: req.body,
      catalog: h('catalog'),
      schema: h('schema'),
      state: 'QUEUED',
      createdAt: Date.now(),
      startedAt: null,
      endedAt: null,
      progress: { totalSplits: 0, completedSplits: 0, processedBytes: 0 },
      processedRows: 0,
      error: null,
      canceled: false,
    };
    await this.opts.store.create(record);
    const cancel = new AbortController();
    this.cancels.set(record.queryId, cancel);
    const done = this.execute(record, cancel.signal).finally(() => {
      this.running.delete(record.queryId);
      this.cancels.delete(record.queryId);
    });
    this.running.set(record.queryId, done);
    return jsonResponse(200, this.results(record, req.baseUrl, { nextToken: 0 }));
  }

  private async execute(record: QueryRecord, signal: AbortSignal): Promise<void> {
    const { store, engine } = this.opts;
    const id = record.queryId;
    await store.update(id, (r) => ({ ...r, state: 'RUNNING', startedAt: Date.now() }));
    const onProgress = (p: QueryProgress): void => {
      void store.update(id, (r) => ({ ...r, progress: { totalSplits: p.tasksTotal, completedSplits: p.tasksDone, processedBytes: p.bytesScanned } }));
    };
    try {
      const result = await engine.query(record.sql, { catalog: record.catalog, schema: record.schema }, onProgress, { signal, user: record.user, source: record.source });
      if ((await store.get(id))?.canceled) return;
      await store.putResult(id, encodeResult(result));
      await store.update(id, (r) => ({
        ...r,
        state: 'FINISHED',
        endedAt: Date.now(),
        processedRows: result.stats.rowsScanned,
        progress: { ...r.progress, completedSplits: r.progress.totalSplits, processedBytes: result.stats.bytesScanned },
      }));
    } catch (err) {
      // A canceled query keeps the error its cancel recorded.
      if ((await store.get(id))?.canceled) return;
      await store.update(id, (r) => ({ ...r, state: 'FAILED', endedAt: Date.now(), error: queryError(err) }));
    }
  }

  /**
   * Marks the query canceled and stops its execution (the engine cleans its scratch); a result
   * that arrives anyway is dropped. Canceling an ended query changes nothing.
   */
  private async cancel(queryId: string): Promise<void> {
    await this.opts.store.update(queryId, (r) =>
      r.endedAt !== null ? r : { ...r, state: 'FAILED', canceled: true, endedAt: Date.now(), error: canceledError() },
    );
    this.cancels.get(queryId)?.abort();
  }

  private async page(initial: QueryRecord, token: number, baseUrl: string): Promise<ApiResponse> {
    let record = initial;
    if (record.endedAt === null) {
      const pending = this.running.get(record.queryId);
      if (pending !== undefined) await waitAtMost(pending, this.maxWaitMs);
      record = (await this.opts.store.get(record.queryId)) ?? record;
    }
    if (record.state !== 'FINISHED') {
      // Still running: the same link again. Failed or canceled: the error, no link.
      return jsonResponse(200, this.results(record, baseUrl, record.endedAt === null ? { nextToken: token } : {}));
    }
    const result = await this.opts.store.getResult(record.queryId);
    if (result === undefined) return textResponse(410, `Result of query ${record.queryId} is gone`);
    if (token > result.rows.length) return textResponse(404, `No such page of query ${record.queryId}`);
    const end = this.pageEnd(result, token);
    return jsonResponse(
      200,
      this.results(record, baseUrl, {
        result,
        data: result.rows.slice(token, end),
        ...(end < result.rows.length ? { nextToken: end } : {}),
      }),
    );
  }

  /** Where the page starting at `start` ends: at most pageRows rows and about pageBytes of JSON. */
  private pageEnd(result: QueryResultData, start: number): number {
    const limit = Math.min(result.rows.length, start + this.pageRows);
    let bytes = 0;
    let end = start;
    while (end < limit) {
      bytes += JSON.stringify(result.rows[end]).length + 1;
      if (bytes > this.pageBytes && end > start) break;
      end++;
    }
    return end;
  }

  private results(
    record: QueryRecord,
    baseUrl: string,
    page: { nextToken?: number; result?: QueryResultData; data?: readonly (readonly ClientValue[])[] },
  ): QueryResults {
    const id = record.queryId;
    return {
      id,
      infoUri: `${baseUrl}/ui/query.html?${id}`,
      ...(page.nextToken !== undefined ? { nextUri: `${baseUrl}/v1/statement/executing/${id}/${record.slug}/${page.nextToken}` } : {}),
      ...(page.result ? { columns: page.result.columns } : {}),
      ...(page.data ? { data: page.data } : {}),
      stats: statementStats(record),
      ...(record.error ? { error: record.error } : {}),
      warnings: [],
    };
  }
}

function statementStats(r: QueryRecord): StatementStats {
  const now = r.endedAt ?? Date.now();
  const p = r.progress;
  const progress = r.state === 'FINISHED' ? 100 : p.totalSplits > 0 ? (100 * p.completedSplits) / p.totalSplits : 0;
  return {
    state: r.state,
    queued: r.state === 'QUEUED',
    scheduled: r.startedAt !== null,
    nodes: 1,
    totalSplits: p.totalSplits,
    queuedSplits: Math.max(0, p.totalSplits - p.completedSplits),
    runningSplits: 0,
    completedSplits: p.completedSplits,
    cpuTimeMillis: 0,
    wallTimeMillis: r.startedAt !== null ? now - r.startedAt : 0,
    queuedTimeMillis: (r.startedAt ?? now) - r.createdAt,
    elapsedTimeMillis: now - r.createdAt,
    processedRows: r.processedRows,
    processedBytes: p.processedBytes,
    physicalInputBytes: p.processedBytes,
    peakMemoryBytes: 0,
    spilledBytes: 0,
    progressPercentage: progress,
  };
}

function encodeResult(result: QueryResult): QueryResultData {
  const { columns, batch } = result;
  const rows: ClientValue[][] = [];
  for (let r = 0; r < batch.length; r++) rows.push(columns.map((c, j) => toClientJson(valueAt(batch.columns[j]!, r), c.type)));
  return { columns: clientColumns(columns), rows };
}

async function waitAtMost(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

