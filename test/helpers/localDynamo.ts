/**
 * dynalite (DynamoDB's API, in-process, loopback, ephemeral port), and tables made by the same
 * SDK the functions use, shaped as serverless.yml declares them.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A string-keyed table (a partition key, and a sort key if given), on demand, as serverless.yml declares them. */
export async function createTable(client: DynamoDBClient, tableName: string, hashKey: string, rangeKey?: string): Promise<void> {
  const keys = rangeKey === undefined ? [hashKey] : [hashKey, rangeKey];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: keys.map((k) => ({ AttributeName: k, AttributeType: 'S' })),
      KeySchema: keys.map((k, i) => ({ AttributeName: k, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

/** serverless.yml's QueriesTable. */
export function createQueriesTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return createTable(client, tableName, 'queryId');
}

/** serverless.yml's ReportRunsTable. */
export function createReportRunsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return createTable(client, tableName, 'report', 'runId');
}
