/**
 * The QueryStore contract against the in-memory store and against DynamoQueryStore on dynalite
 * (in-process, loopback, ephemeral port; table created with the same SDK the Lambda uses).
 */
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueriesTable, startDynalite, type LocalDynamo } from '../../helpers/localDynamo.ts';
import { DynamoQueryStore } from '../../../src/runtime/api/dynamoQueryStore.ts';
import { MemoryQueryStore } from '../../../src/runtime/api/queryStore.ts';
import { newRecord, queryStoreContract } from '../../helpers/queryStoreContract.ts';

describe('MemoryQueryStore', () => {
  const store = new MemoryQueryStore();
  queryStoreContract(() => store);
});

describe('DynamoQueryStore on dynalite', () => {
  const tableName = 'squall-queries-test';
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  let store: DynamoQueryStore;

  beforeAll(async () => {
    dynamo = await startDynalite();
    client = dynamo.client;
    await createQueriesTable(client, tableName);
    store = new DynamoQueryStore({ client, tableName });
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  queryStoreContract(() => store);

  it('keeps the result in the item as its location only, with the TTL and the state', async () => {
    const r = newRecord({ state: 'RUNNING', startedAt: 1 });
    await store.create(r);
    const result = { location: `memory:${r.queryId}`, pageCount: 1, rowCount: 1, bytes: 14 };
    await store.update(r.queryId, (q) => ({ ...q, state: 'FINISHED', endedAt: 2, result }));
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { queryId: { S: r.queryId } } }));
    expect(JSON.parse(Item?.result?.S ?? 'null')).toEqual(result);
    expect(Item?.state?.S).toBe('FINISHED');
    const expiresAt = Number(Item?.expiresAt?.N);
    expect(expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(Item?.source).toEqual({ NULL: true });
  });

  it('rejects a second create of the same query id', async () => {
    const r = newRecord();
    await store.create(r);
    await expect(store.create(r)).rejects.toThrow(/conditional/i);
  });

  it('treats an item past its TTL as gone', async () => {
    const short = new DynamoQueryStore({ client, tableName, retainMs: -5000 });
    const r = newRecord();
    await short.create(r);
    expect(await short.get(r.queryId)).toBeUndefined();
  });
});
