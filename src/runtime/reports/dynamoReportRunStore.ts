/**
 * Report runs in DynamoDB (ReportRunsTable: `report` HASH, `runId` RANGE), one item per run. The
 * claim is a conditional put (no item yet, or a RUNNING one past its lease), so EventBridge
 * delivering the same scheduled time twice runs it once; the end is a conditional update that
 * only the claimant's token passes. The same code runs against DynamoDB and dynalite.
 */
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { InternalError } from '../../errors.ts';
import { RUN_STATES, type ReportRun, type ReportRunState, type ReportRunStore } from './reportRunStore.ts';

type Item = Record<string, AttributeValue>;

// Every attribute goes through a name placeholder: several (state, rows, bytes…) are DynamoDB
// reserved words.
const NAMES = {
  '#report': 'report',
  '#runId': 'runId',
  '#state': 'state',
  '#startedAt': 'startedAt',
  '#endedAt': 'endedAt',
  '#rows': 'rows',
  '#bytes': 'bytes',
  '#costUsd': 'costUsd',
  '#output': 'output',
  '#error': 'error',
  '#queryId': 'queryId',
  '#claim': 'claim',
} as const;

type Placeholder = keyof typeof NAMES;
const only = (...names: Placeholder[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, NAMES[n]]));

export class DynamoReportRunStore implements ReportRunStore {
  constructor(private readonly opts: { readonly client: DynamoDBClient; readonly tableName: string }) {}

  async claim(run: ReportRun, staleBefore: string): Promise<boolean> {
    try {
      await this.opts.client.send(
        new PutItemCommand({
          TableName: this.opts.tableName,
          Item: toItem(run),
          ConditionExpression: 'attribute_not_exists(#runId) OR (#state = :running AND #startedAt < :stale)',
          ExpressionAttributeNames: only('#runId', '#state', '#startedAt'),
          ExpressionAttributeValues: { ':running': { S: 'RUNNING' }, ':stale': { S: staleBefore } },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async finish(run: ReportRun): Promise<boolean> {
    try {
      await this.opts.client.send(
        new UpdateItemCommand({
          TableName: this.opts.tableName,
          Key: { report: { S: run.report }, runId: { S: run.runId } },
          UpdateExpression:
            'SET #state = :state, #endedAt = :endedAt, #rows = :rows, #bytes = :bytes, #costUsd = :costUsd, #output = :output, #error = :error, #queryId = :queryId',
          ConditionExpression: '#claim = :claim AND #state = :running',
          ExpressionAttributeNames: only('#state', '#endedAt', '#rows', '#bytes', '#costUsd', '#output', '#error', '#queryId', '#claim'),
          ExpressionAttributeValues: {
            ':state': { S: run.state },
            ':endedAt': optString(run.endedAt),
            ':rows': optNumber(run.rows),
            ':bytes': optNumber(run.bytes),
            ':costUsd': optNumber(run.costUsd),
            ':output': optString(run.output),
            ':error': optString(run.error),
            ':queryId': optString(run.queryId),
            ':claim': { S: run.claim },
            ':running': { S: 'RUNNING' },
          },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async get(report: string, runId: string): Promise<ReportRun | undefined> {
    const out = await this.opts.client.send(
      new GetItemCommand({ TableName: this.opts.tableName, Key: { report: { S: report }, runId: { S: runId } }, ConsistentRead: true }),
    );
    return out.Item === undefined ? undefined : fromItem(out.Item);
  }

  async list(report: string, limit: number): Promise<ReportRun[]> {
    if (limit <= 0) return [];
    const out = await this.opts.client.send(
      new QueryCommand({
        TableName: this.opts.tableName,
        KeyConditionExpression: '#report = :report',
        ExpressionAttributeNames: only('#report'),
        ExpressionAttributeValues: { ':report': { S: report } },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(fromItem);
  }
}

function toItem(r: ReportRun): Item {
  return {
    report: { S: r.report },
    runId: { S: r.runId },
    scheduledFor: { S: r.scheduledFor },
    trigger: { S: r.trigger },
    startedAt: { S: r.startedAt },
    endedAt: optString(r.endedAt),
    state: { S: r.state },
    rows: optNumber(r.rows),
    bytes: optNumber(r.bytes),
    costUsd: optNumber(r.costUsd),
    output: optString(r.output),
    error: optString(r.error),
    user: { S: r.user },
    source: optString(r.source),
    queryId: optString(r.queryId),
    claim: { S: r.claim },
  };
}

function fromItem(item: Item): ReportRun {
  const state = str(item, 'state');
  if (!(RUN_STATES as readonly string[]).includes(state)) throw new InternalError(`Report run ${str(item, 'runId')} has unknown state ${state}`);
  const trigger = str(item, 'trigger');
  return {
    report: str(item, 'report'),
    runId: str(item, 'runId'),
    scheduledFor: str(item, 'scheduledFor'),
    trigger: trigger === 'manual' ? 'manual' : 'schedule',
    startedAt: str(item, 'startedAt'),
    endedAt: optStr(item, 'endedAt'),
    state: state as ReportRunState,
    rows: optNum(item, 'rows'),
    bytes: optNum(item, 'bytes'),
    costUsd: optNum(item, 'costUsd'),
    output: optStr(item, 'output'),
    error: optStr(item, 'error'),
    user: str(item, 'user'),
    source: optStr(item, 'source'),
    queryId: optStr(item, 'queryId'),
    claim: str(item, 'claim'),
  };
}

function optString(v: string | null): AttributeValue {
  return v === null ? { NULL: true } : { S: v };
}

function optNumber(v: number | null): AttributeValue {
  return v === null ? { NULL: true } : { N: plainDecimal(v) };
}

/** Costs are tiny (`1.2e-7`): write them as plain decimals, the form DynamoDB documents for numbers. */
function plainDecimal(v: number): string {
  const text = String(v);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent === null) return text;
  // 15 significant digits after the leading zeros: a double's precision, within DynamoDB's 38.
  return v.toFixed(Math.min(100, Number(exponent[1]) + 15)).replace(/0+$/, '');
}

function str(item: Item, name: string): string {
  const v = item[name]?.S;
  if (v === undefined) throw new InternalError(`Report run item lacks string attribute ${name}`);
  return v;
}

function optStr(item: Item, name: string): string | null {
  return item[name]?.S ?? null;
}

function optNum(item: Item, name: string): number | null {
  const v = item[name]?.N;
  return v === undefined ? null : Number(v);
}

function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}
