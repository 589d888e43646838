/**
 * The query service core: Trino's client REST protocol (v1) over the engine. POST /v1/statement
 * queues a query and answers at once; a QueryRunner runs it (in this process, or as a Step
 * Functions execution); GET on each nextUri reports progress (waiting a little for it), then
 * the result's pages, one stored page per link; DELETE cancels. POST /v1/query is the plain
 * JSON endpoint (jsonQuery.ts) over the same queries. Transport-free: `squall serve`
 * (node:http) and the api Lambda (API Gateway) both adapt to `handle`.
 */
import { randomBytes } from 'node:crypto';
import { newQueryId } from '../queryId.ts';
import type { ClientValue } from '../../types/clientJson.ts';
import type { StageWork } from '../engine/messages.ts';
import { DEFAULT_PAGE_SPEC } from '../engine/resultPages.ts';
import { authenticate, type AuthConfig } from './auth.ts';
import { header, jsonResponse, textResponse, type ApiRequest, type ApiResponse } from './http.ts';
import { jsonAccepted, jsonAnswer, jsonError } from './jsonQuery.ts';
import type { ClientColumn, QueryResults, StatementStats } from './protocol.ts';
import { canceledError } from './queryErrors.ts';
import { InProcessRunner, type QueryEngine, type QueryRunner } from './queryRunner.ts';
import type { QueryRecord, QueryStore } from './queryStore.ts';
import { MemoryResultStore, type ResultStore } from './resultStore.ts';
import { clientColumns } from './typeSignature.ts';

export type { QueryEngine } from './queryRunner.ts';

export interface StatementServiceOptions {
  readonly store: QueryStore;
  /** Who runs the queries (the api Lambda: Step Functions); default: this process, over `engine`. */
  readonly runner?: QueryRunner;
  /** The engine of the default, in-process runner. */
  readonly engine?: QueryEngine;
  /** Where result pages are read (and written by the in-process runner); default: memory. */
  readonly results?: ResultStore;
  readonly auth?: AuthConfig | undefined;
  /** Rows per page of the default result store (default 1,000). */
  readonly pageRows?: number;
  /** Approximate JSON bytes per page of the default result store (default 1 MiB); a page holds at least one row. */
  readonly pageBytes?: number;
  /** How long a GET waits for a running query before answering RUNNING (default 1 s). */
  readonly maxWaitMs?: number;
  /** How long `POST /v1/query` (and GET of its result) waits before answering 202 (default: until the query ends). */
  readonly jsonWaitMs?: number;
  /** Largest result `POST /v1/query` answers whole, in bytes of row JSON (default: no bound). */
  readonly jsonMaxBytes?: number;
  /** Makes query ids (default: Trino-style ids). */
  readonly newQueryId?: () => string;
}

const STATEMENT_PATH = /^\/v1\/statement\/(?:queued|executing)\/([A-Za-z0-9_]+)\/([A-Za-z0-9]+)\/(\d+)$/;
const QUERY_PATH = /^\/v1\/query\/([A-Za-z0-9_]+)$/;
const JSON_RESULT_PATH = /^\/v1\/query\/([A-Za-z0-9_]+)\/result$/;

export class StatementService {
  private readonly runner: QueryRunner;
  private readonly results: ResultStore;
  private readonly maxWaitMs: number;
  private readonly jsonWaitMs: number;
  private readonly jsonMaxBytes: number;
  private readonly newQueryId: () => string;

  constructor(private readonly opts: StatementServiceOptions) {
    this.results = opts.results ?? new MemoryResultStore({ maxRows: opts.pageRows ?? DEFAULT_PAGE_SPEC.maxRows, maxBytes: opts.pageBytes ?? DEFAULT_PAGE_SPEC.maxBytes });
    if (opts.runner !== undefined) this.runner = opts.runner;
    else if (opts.engine !== undefined) this.runner = new InProcessRunner({ engine: opts.engine, store: opts.store, results: this.results });
    else throw new TypeError('StatementService needs a runner or an engine');
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
    this.jsonWaitMs = opts.jsonWaitMs ?? Infinity;
    this.jsonMaxBytes = opts.jsonMaxBytes ?? Infinity;
    this.newQueryId = opts.newQueryId ?? newQueryId;
  }

  /**
   * Resolves when every query this process started has ended here. A Lambda handler awaits it
   * before returning, as a frozen sandbox would otherwise never record the outcome.
   */
  settle(): Promise<void> {
    return this.runner.settle();
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    if (req.method === 'GET' && req.path === '/v1/info') {
      return jsonResponse(200, { nodeVersion: { version: 'squall-0.1.0' }, environment: 'squall', coordinator: true, starting: false });
    }
    const statement = STATEMENT_PATH.exec(req.path);
    const queryPath = QUERY_PATH.exec(req.path);
    const jsonResult = JSON_RESULT_PATH.exec(req.path);
    const submitPath = req.path === '/v1/statement' || req.path === '/v1/query';
    if (!submitPath && statement === null && queryPath === null && jsonResult === null) return textResponse(404, 'Not found');
    const who = authenticate(req.headers, this.opts.auth, req.identity);
    if (!who.ok) {
      return textResponse(who.status, who.message, who.status === 401 ? { 'www-authenticate': 'Bearer, Basic realm="squall"' } : {});
    }
    if (submitPath) {
      if (req.method !== 'POST') return textResponse(405, 'Method not allowed');
      return req.path === '/v1/statement' ? this.submit(req, who.user) : this.submitJson(req, who.user);
    }
    const queryId = (statement ?? queryPath ?? jsonResult)![1]!;
    const record = await this.opts.store.get(queryId);
    // Someone else's query, or a guessed link, is as good as no query.
    if (record === undefined || record.user !== who.user || (statement !== null && statement[2] !== record.slug)) {
      return textResponse(404, `Query not found: ${queryId}`);
    }
    if (jsonResult !== null) {
      return req.method === 'GET' ? this.answerJson(await this.runner.wait(record, this.jsonWaitMs), req.baseUrl) : textResponse(405, 'Method not allowed');
    }
    if (req.method === 'DELETE') {
      await this.cancel(queryId);
      return { status: 204, headers: {}, body: '' };
    }
    if (req.method !== 'GET') return textResponse(405, 'Method not allowed');
    if (statement === null) return jsonResponse(200, queryInfo(record, req.baseUrl));
    return this.page(record, Number(statement[3]), req.baseUrl);
  }

  private async submit(req: ApiRequest, user: string): Promise<ApiResponse> {
    if (req.body.trim() === '') return textResponse(400, 'SQL statement is empty');
    const record = await this.create(req, user);
    return jsonResponse(200, this.queryResults(record, req.baseUrl, { nextToken: 0 }));
  }

  /** `POST /v1/query`: the whole JSON result once the query ends, or 202 and where to get it. */
  private async submitJson(req: ApiRequest, user: string): Promise<ApiResponse> {
    if (req.body.trim() === '') return jsonError(400, { code: 'INVALID_ARGUMENTS', message: 'SQL statement is empty', line: null, column: null });
    const record = await this.runner.wait(await this.create(req, user), this.jsonWaitMs);
    return this.answerJson(record, req.baseUrl);
  }

  private answerJson(record: QueryRecord, baseUrl: string): Promise<ApiResponse> | ApiResponse {
    return record.endedAt === null ? jsonAccepted(record, baseUrl) : jsonAnswer(record, this.results, this.jsonMaxBytes);
  }

  /** Stores the query QUEUED and has the runner start it. */
  private async create(req: ApiRequest, user: string): Promise<QueryRecord> {
    const h = (name: string): string | null => header(req.headers, `x-trino-${name}`) ?? header(req.headers, `x-presto-${name}`) ?? null;
    const record: QueryRecord = {
      queryId: this.newQueryId(),
      slug: randomBytes(12).toString('hex'),
      user,
      source: h('source'),
      clientTags: (h('client-tags') ?? '').split(',').map((t) => t.trim()).filter((t) => t !== ''),
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
      costCap: null,
      executionArn: null,
      result: null,
      stats: null,
    };
    await this.opts.store.create(record);
    return this.runner.start(record);
  }

  /**
   * Marks the query canceled and has the runner stop it and drop what it wrote; a result that
   * arrives anyway is dropped. Canceling an ended query changes nothing.
   */
  private async cancel(queryId: string): Promise<void> {
    const record = await this.opts.store.update(queryId, (r) =>
      r.endedAt !== null ? r : { ...r, state: 'FAILED', canceled: true, endedAt: Date.now(), error: canceledError() },
    );
    if (record?.canceled) await this.runner.cancel(record);
  }

  private async page(initial: QueryRecord, token: number, baseUrl: string): Promise<ApiResponse> {
    const record = initial.endedAt === null ? await this.runner.wait(initial, this.maxWaitMs) : initial;
    if (record.state !== 'FINISHED') {
      // Still running: the same link again. Failed or canceled: the error, no link.
      return jsonResponse(200, this.queryResults(record, baseUrl, record.endedAt === null ? { nextToken: token } : {}));
    }
    const ref = record.result;
    if (ref !== null && token >= ref.pageCount) return textResponse(404, `No such page of query ${record.queryId}`);
    const page = ref === null ? undefined : await this.results.page(ref, token);
    if (ref === null || page === undefined) return textResponse(410, `Result of query ${record.queryId} is gone`);
    return jsonResponse(
      200,
      this.queryResults(record, baseUrl, {
        columns: clientColumns(page.columns),
        data: page.rows,
        ...(token + 1 < ref.pageCount ? { nextToken: token + 1 } : {}),
      }),
    );
  }

  private queryResults(
    record: QueryRecord,
    baseUrl: string,
    page: { nextToken?: number; columns?: readonly ClientColumn[]; data?: readonly (readonly ClientValue[])[] },
  ): QueryResults {
    const id = record.queryId;
    return {
      id,
      infoUri: `${baseUrl}/ui/query.html?${id}`,
      ...(page.nextToken !== undefined ? { nextUri: `${baseUrl}/v1/statement/executing/${id}/${record.slug}/${page.nextToken}` } : {}),
      ...(page.columns ? { columns: page.columns } : {}),
      ...(page.data ? { data: page.data } : {}),
      stats: statementStats(record),
      ...(record.error ? { error: record.error } : {}),
      warnings: [],
    };
  }
}

/** `GET /v1/query/{id}`: who ran what, where it stands, and once ended its figures and cost. */
function queryInfo(r: QueryRecord, baseUrl: string): object {
  const at = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    queryId: r.queryId,
    state: r.state,
    query: r.sql,
    self: `${baseUrl}/v1/query/${r.queryId}`,
    session: { user: r.user, source: r.source, catalog: r.catalog, schema: r.schema, clientTags: r.clientTags },
    createdAt: at(r.createdAt),
    startedAt: at(r.startedAt),
    endedAt: at(r.endedAt),
    ...(r.stats ? { queryStats: r.stats } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
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
    // Task time of every invocation (each task runs on one thread): the nearest to Trino's CPU time.
    cpuTimeMillis: Math.round(Object.values(r.stats?.byFunction ?? {}).reduce((sum, f) => sum + f.durationMs, 0)),
    wallTimeMillis: r.startedAt !== null ? now - r.startedAt : 0,
    queuedTimeMillis: (r.startedAt ?? now) - r.createdAt,
    elapsedTimeMillis: now - r.createdAt,
    processedRows: r.processedRows,
    processedBytes: p.processedBytes,
    physicalInputBytes: p.processedBytes,
    peakMemoryBytes: r.stats ? peakMemory(r.stats.stages) : 0,
    spilledBytes: 0,
    progressPercentage: progress,
    ...(r.stats ? { estimatedCostUsd: r.stats.estimatedCostUsd } : {}),
  };
}

/** The most any one task's operators held (each stage's figure is a maximum over its tasks). */
function peakMemory(stages: StageWork): number {
  return Math.max(stages.plan.peakMemoryBytes, stages.scan.peakMemoryBytes, stages.merge.peakMemoryBytes, stages.finalize.peakMemoryBytes);
}
