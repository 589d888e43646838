/**
 * The QueryStore contract against the in-memory store and against DynamoQueryStore on dynalite
 * (in-process, loopback, ephemeral port; table created with the same SDK the Lambda uses).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoQueryStore } from '../../../src/runtime/api/dynamoQueryStore.ts';
import { MemoryQueryStore } from '../../../src/runtime/api/queryStore.ts';
import type { QueryResults } from '../../../src/runtime/api/protocol.ts';
import { MemoryResultStore } from '../../../src/runtime/api/resultStore.ts';
import { StatementService } from '../../../src/runtime/api/statementService.ts';
import { apiHandler, notWiredEngine } from '../../../src/runtime/lambda/apiFunction.ts';
import { newRecord, queryStoreContract } from '../../helpers/queryStoreContract.ts';

describe('MemoryQueryStore', () => {
  const store = new MemoryQueryStore();
  queryStoreContract(() => store);
});

describe('DynamoQueryStore on dynalite', () => {
  const tableName = 'squall-queries-test';
  let server: Server;
  let client: DynamoDBClient;
  let store: DynamoQueryStore;

  beforeAll(async () => {
    server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'queryId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'queryId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    store = new DynamoQueryStore({ client, tableName, results: new MemoryResultStore() });
  });

  afterAll(async () => {
    client?.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  queryStoreContract(() => store);

  it('keeps rows out of the item: only the result location, the TTL and the state', async () => {
    const r = newRecord({ state: 'RUNNING', startedAt: 1 });
    await store.create(r);
    await store.putResult(r.queryId, { columns: [], rows: [['a big row']] });
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { queryId: { S: r.queryId } } }));
    expect(Item?.resultLocation?.S).toBe(`memory:${r.queryId}`);
    expect(JSON.stringify(Item)).not.toContain('a big row');
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
    const short = new DynamoQueryStore({ client, tableName, results: new MemoryResultStore(), retainMs: -5000 });
    const r = newRecord();
    await short.create(r);
    expect(await short.get(r.queryId)).toBeUndefined();
  });

  it('serves the api handler: a query is recorded, fails NOT_SUPPORTED, a later cancel changes nothing', async () => {
    const handler = apiHandler(new StatementService({ engine: notWiredEngine, store, maxWaitMs: 0 }));
    const ctx = { domainName: 'api.example', stage: '$default' };
    const ev = (method: string, rawPath: string, body = '') => ({
      version: '2.0',
      rawPath,
      headers: { 'x-trino-user': 'ann' },
      body,
      isBase64Encoded: false,
      requestContext: { ...ctx, http: { method, path: rawPath } },
    });
    const first = JSON.parse((await handler(ev('POST', '/v1/statement', 'SELECT 1'))).body) as QueryResults;
    const stored = await store.get(first.id);
    expect(stored).toMatchObject({ user: 'ann', sql: 'SELECT 1', state: 'FAILED' });
    const page = JSON.parse((await handler(ev('GET', new URL(first.nextUri!).pathname))).body) as QueryResults;
    expect(page.error?.errorName).toBe('NOT_SUPPORTED');
    expect((await handler(ev('DELETE', `/v1/query/${first.id}`))).statusCode).toBe(204);
    expect((await store.get(first.id))?.error?.errorName).toBe('NOT_SUPPORTED');
  });
});
