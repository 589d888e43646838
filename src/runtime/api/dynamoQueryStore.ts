/**
 * Query state in a DynamoDB table (partition key `queryId`, TTL attribute `expiresAt`), one item
 * per query with plain attributes: user, source, SQL, state, timestamps, execution ARN, progress,
 * and as JSON the error, the figures and where the result pages are. Rows never go to
 * DynamoDB: they go to a ResultStore.
 *
 * Every write is conditional. `update` reads the item (consistent read), applies the change and
 * puts it back only if the item's `version` is still the one read and its state is not final, so
 * concurrent writers retry instead of overwriting each other and FINISHED/FAILED stay final.
 * The same code runs against DynamoDB and against dynalite on loopback.
 */
import type { CostCap } from '../accounting/costLimits.ts';
import { DynamoDBClient, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { InternalError } from '../../errors.ts';
import type { ResultRef } from '../engine/resultPages.ts';
import type { QueryStats } from '../squall.ts';
import type { QueryError, QueryState } from './protocol.ts';
import { checkTransition, isFinalState, type QueryRecord, type QueryStore } from './queryStore.ts';

export interface DynamoQueryStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long an item lives after its last write (default one day); DynamoDB's TTL removes it. */
  readonly retainMs?: number;
  /** Attempts of one update under contention (default 20). */
  readonly maxAttempts?: number;
}

type Item = Record<string, AttributeValue>;

interface StoredQuery {
  readonly record: QueryRecord;
  readonly version: number;
}

const OPEN_STATES = { ':queued': { S: 'QUEUED' }, ':running': { S: 'RUNNING' } } as const;

export class DynamoQueryStore implements QueryStore {
  private readonly retainMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly opts: DynamoQueryStoreOptions) {
    this.retainMs = opts.retainMs ?? 24 * 3600_000;
    this.maxAttempts = opts.maxAttempts ?? 20;
  }

  async create(record: QueryRecord): Promise<void> {
    await this.opts.client.send(
      new PutItemCommand({
        TableName: this.opts.tableName,
        Item: this.toItem(record, 0),
        ConditionExpression: 'attribute_not_exists(queryId)',
      }),
    );
  }

  async get(queryId: string): Promise<QueryRecord | undefined> {
    return (await this.read(queryId))?.record;
  }

  async update(queryId: string, change: (r: QueryRecord) => QueryRecord): Promise<QueryRecord | undefined> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const current = await this.read(queryId);
      if (current === undefined) return undefined;
      if (current.record.endedAt !== null || isFinalState(current.record.state)) return current.record;
      const next = change(current.record);
      checkTransition(current.record, next);
      try {
        await this.opts.client.send(
          new PutItemCommand({
            TableName: this.opts.tableName,
            Item: this.toItem(next, current.version + 1),
            ConditionExpression: '#version = :version AND #state IN (:queued, :running)',
            ExpressionAttributeNames: { '#version': 'version', '#state': 'state' },
            ExpressionAttributeValues: { ':version': { N: String(current.version) }, ...OPEN_STATES },
          }),
        );
        return next;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        // Someone wrote in between: read again (a short, growing pause spreads the writers).
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
    throw new InternalError(`Query ${queryId}: update still contended after ${this.maxAttempts} attempts`);
  }

  private async readItem(queryId: string): Promise<Item | undefined> {
    const out = await this.opts.client.send(
      new GetItemCommand({ TableName: this.opts.tableName, Key: { queryId: { S: queryId } }, ConsistentRead: true }),
    );
    const item = out.Item;
    // TTL deletion runs late (up to days): an expired item is already gone for us.
    if (item === undefined || Number(item.expiresAt?.N ?? 0) * 1000 < Date.now()) return undefined;
    return item;
  }

  private async read(queryId: string): Promise<StoredQuery | undefined> {
    const item = await this.readItem(queryId);
    return item === undefined ? undefined : { record: fromItem(item), version: num(item, 'version') };
  }

  private toItem(r: QueryRecord, version: number): Item {
    return {
      queryId: { S: r.queryId },
      slug: { S: r.slug },
      user: { S: r.user },
      source: optString(r.source),
      clientTags: { L: r.clientTags.map((t) => ({ S: t })) },
      sql: { S: r.sql },
      catalog: optString(r.catalog),
      schema: optString(r.schema),
      state: { S: r.state },
      createdAt: { N: String(r.createdAt) },
      startedAt: optNumber(r.startedAt),
      endedAt: optNumber(r.endedAt),
      totalSplits: { N: String(r.progress.totalSplits) },
      completedSplits: { N: String(r.progress.completedSplits) },
      processedBytes: { N: String(r.progress.processedBytes) },
      processedRows: { N: String(r.processedRows) },
      error: optJson(r.error),
      canceled: { BOOL: r.canceled },
      costCap: optJson(r.costCap),
      executionArn: optString(r.executionArn),
      result: optJson(r.result),
      stats: optJson(r.stats),
      version: { N: String(version) },
      expiresAt: { N: String(Math.ceil((Date.now() + this.retainMs) / 1000)) },
    };
  }
}

const STATES: readonly QueryState[] = ['QUEUED', 'RUNNING', 'FINISHED', 'FAILED'];

function fromItem(item: Item): QueryRecord {
  const state = str(item, 'state');
  if (!(STATES as readonly string[]).includes(state)) throw new InternalError(`Query ${str(item, 'queryId')} has unknown state ${state}`);
  const error = optStr(item, 'error');
  const result = optStr(item, 'result');
  const stats = optStr(item, 'stats');
  const costCap = optStr(item, 'costCap');
  return {
    queryId: str(item, 'queryId'),
    slug: str(item, 'slug'),
    user: str(item, 'user'),
    source: optStr(item, 'source'),
    clientTags: (item.clientTags?.L ?? []).map((t) => t.S ?? ''),
    sql: str(item, 'sql'),
    catalog: optStr(item, 'catalog'),
    schema: optStr(item, 'schema'),
    state: state as QueryState,
    createdAt: num(item, 'createdAt'),
    startedAt: optNum(item, 'startedAt'),
    endedAt: optNum(item, 'endedAt'),
    progress: {
      totalSplits: num(item, 'totalSplits'),
      completedSplits: num(item, 'completedSplits'),
      processedBytes: num(item, 'processedBytes'),
    },
    processedRows: num(item, 'processedRows'),
    error: error === null ? null : (JSON.parse(error) as QueryError),
    canceled: item.canceled?.BOOL === true,
    costCap: costCap === null ? null : (JSON.parse(costCap) as CostCap),
    executionArn: optStr(item, 'executionArn'),
    result: result === null ? null : (JSON.parse(result) as ResultRef),
    stats: stats === null ? null : (JSON.parse(stats) as QueryStats),
  };
}

function optString(v: string | null): AttributeValue {
  return v === null ? { NULL: true } : { S: v };
}

function optJson(v: object | null): AttributeValue {
  return v === null ? { NULL: true } : { S: JSON.stringify(v) };
}

function optNumber(v: number | null): AttributeValue {
  return v === null ? { NULL: true } : { N: String(v) };
}

function str(item: Item, name: string): string {
  const v = item[name]?.S;
  if (v === undefined) throw new InternalError(`Query item lacks string attribute ${name}`);
  return v;
}

function optStr(item: Item, name: string): string | null {
  return item[name]?.S ?? null;
}

function num(item: Item, name: string): number {
  const v = item[name]?.N;
  if (v === undefined) throw new InternalError(`Query item lacks number attribute ${name}`);
  return Number(v);
}

function optNum(item: Item, name: string): number | null {
  const v = item[name]?.N;
  return v === undefined ? null : Number(v);
}

function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}
