/**
 * The ledger in a DynamoDB table (LedgerTable in serverless.yml: partition key `pk`, sort key
 * `sk`, both strings). Recording a query is one TransactWriteItems:
 * - the query's own item (`query#<id>` / `query`), put only if absent;
 * - counters ADDed on the query's UTC day (`day#<day>`): per user and source
 *   (`user#<u>#source#<s>`, what `spend` reads), per user (`user#<u>`) and per source
 *   (`source#<s>`), the last two one GetItem each for a budget check.
 * A retried or repeated record of the same query fails the put's condition and so adds nothing:
 * the counters are always the sum of the query items. Transactions that collide on a counter
 * (concurrent queries of one user) are retried with backoff.
 *
 * Counters of one day share a partition: about a hundred recorded queries per second before
 * DynamoDB throttles that key (each transaction writes four items, at twice the usual WCU).
 */
import {
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type AttributeValue,
  type CreateTableCommandInput,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { SquallError } from '../../errors.ts';
import { compareRows, daysBetween, fromNano, spendDays, toNano, utcDay, type Ledger, type LedgerEntry, type SpendQuery, type SpendRow, type Spender } from './ledger.ts';

export interface DynamoLedgerOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Attempts of one record when transactions collide (default 10). */
  readonly maxAttempts?: number;
}

/** The table's keys, as serverless.yml declares them (tests create it the same way). */
export const LEDGER_TABLE_KEYS: Pick<CreateTableCommandInput, 'AttributeDefinitions' | 'KeySchema'> = {
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
};

const MAX_SPEND_DAYS = 366;
const enc = encodeURIComponent;

export class DynamoLedger implements Ledger {
  private readonly maxAttempts: number;

  constructor(private readonly opts: DynamoLedgerOptions) {
    this.maxAttempts = opts.maxAttempts ?? 10;
  }

  async record(e: LedgerEntry): Promise<boolean> {
    const TableName = this.opts.tableName;
    const day = utcDay(e.endedAt);
    const nano = String(toNano(e.costUsd));
    const counter = (sk: string, extra: Record<string, AttributeValue> = {}): TransactWriteItem => {
      const names = Object.keys(extra);
      return {
        Update: {
          TableName,
          Key: { pk: { S: `day#${day}` }, sk: { S: sk } },
          UpdateExpression: `${names.length > 0 ? `SET ${names.map((n) => `#${n} = :${n}`).join(', ')} ` : ''}ADD queries :one, costNano :nano`,
          ...(names.length > 0 ? { ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])) } : {}),
          ExpressionAttributeValues: { ':one': { N: '1' }, ':nano': { N: nano }, ...Object.fromEntries(names.map((n) => [`:${n}`, extra[n]!])) },
        },
      };
    };
    const source: AttributeValue = e.source === null ? { NULL: true } : { S: e.source };
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName,
          Item: {
            pk: { S: `query#${e.queryId}` },
            sk: { S: 'query' },
            user: { S: e.user },
            source,
            day: { S: day },
            endedAt: { N: String(e.endedAt) },
            costNano: { N: nano },
            state: { S: e.state },
            ...(e.errorCode !== undefined ? { errorCode: { S: e.errorCode } } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      counter(`user#${enc(e.user)}#source#${enc(e.source ?? '')}`, { kind: { S: 'userSource' }, user: { S: e.user }, source }),
      counter(`user#${enc(e.user)}`),
      ...(e.source !== null ? [counter(`source#${enc(e.source)}`)] : []),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.opts.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return true;
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const reasons = err.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
        if (attempt >= this.maxAttempts || !reasons.some((r) => r.Code === 'TransactionConflict')) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
      }
    }
  }

  async spend(query: SpendQuery = {}): Promise<SpendRow[]> {
    const { since, until } = spendDays(query);
    const days = daysBetween(since, until);
    if (days.length > MAX_SPEND_DAYS) throw new SquallError('INVALID_ARGUMENTS', `Spend reports cover at most ${MAX_SPEND_DAYS} days (asked ${since} to ${until})`);
    const rows: SpendRow[] = [];
    for (const day of days) {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await this.opts.client.send(
          new QueryCommand({
            TableName: this.opts.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            FilterExpression: `#kind = :kind${query.source !== undefined ? ' AND #source = :source' : ''}`,
            ExpressionAttributeNames: { '#kind': 'kind', ...(query.source !== undefined ? { '#source': 'source' } : {}) },
            ExpressionAttributeValues: {
              ':pk': { S: `day#${day}` },
              ':prefix': { S: query.user !== undefined ? `user#${enc(query.user)}#source#` : 'user#' },
              ':kind': { S: 'userSource' },
              ...(query.source !== undefined ? { ':source': { S: query.source } } : {}),
            },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          rows.push({
            day,
            user: item.user?.S ?? '',
            source: item.source?.S ?? null,
            queries: Number(item.queries?.N ?? 0),
            costUsd: fromNano(Number(item.costNano?.N ?? 0)),
          });
        }
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
    }
    return rows.sort(compareRows);
  }

  async spentToday(who: Spender, now = new Date()): Promise<number> {
    const sk = 'user' in who ? `user#${enc(who.user)}` : `source#${enc(who.source)}`;
    const { Item } = await this.opts.client.send(
      new GetItemCommand({ TableName: this.opts.tableName, Key: { pk: { S: `day#${utcDay(now)}` }, sk: { S: sk } }, ConsistentRead: true }),
    );
    return fromNano(Number(Item?.costNano?.N ?? 0));
  }

  async close(): Promise<void> {}
}
