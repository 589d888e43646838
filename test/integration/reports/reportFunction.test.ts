/**
 * The deployed `report` function as EventBridge invokes it, with real SDK clients against
 * loopback servers: its config read from the packaged file, the query run by the AWS executor
 * through the Step Functions API (the real ASL, Tasks invoking the function bundles through the
 * Lambda invoke API), the output written to s3rver, the run and its cost recorded in DynamoDB
 * (AWS's DynamoDB Local: the ledger writes transactions, which dynalite lacks). A
 * retried delivery of the same event runs nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFunction, type ReportEvent, type ReportFunctionResult } from '../../../src/runtime/lambda/reportFunction.ts';
import type { TaskDispatcher } from '../../../src/runtime/local/dispatchers.ts';
import { lambdaApiDispatcher } from '../../../src/runtime/local/lambdaApiDispatcher.ts';
import { startLambdaApiServer, type LambdaApiServer } from '../../../src/runtime/local/lambdaApiServer.ts';
import { FUNCTION_LIMITS, QUERY_STATE_MACHINE, startPool } from '../../../src/runtime/local/localExecutor.ts';
import { startStepFunctionsApiServer, type StepFunctionsApiServer } from '../../../src/runtime/local/stepFunctionsApiServer.ts';
import type { WorkerPool } from '../../../src/runtime/local/workerPool.ts';
import { packageRoot } from '../../../src/runtime/squall.ts';
import { storeFor } from '../../../src/storage/stores.ts';
import { DynamoLedger, LEDGER_TABLE_KEYS } from '../../../src/runtime/accounting/dynamoLedger.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../helpers/dynamoDbLocal.ts';
import { lakeConfig } from '../../helpers/engine.ts';
import { createReportRunsTable } from '../../helpers/localDynamo.ts';
import { createTestBucket, s3TestOptions } from '../../helpers/s3.ts';

const TABLE = 'squall-report-runs-fn';
const LEDGER = 'squall-ledger-fn';
let dir: string;
let bucket: string;
let pool: WorkerPool;
let lambdaApi: LambdaApiServer;
let lambdaDispatcher: ReturnType<typeof lambdaApiDispatcher>;
let sfnApi: StepFunctionsApiServer;
let dynamo: DynamoDbLocal;
let dynamoClient: DynamoDBClient;
let handler: (event: ReportEvent) => Promise<ReportFunctionResult>;
/** Function invocations the state machine made. */
let invocations = 0;
const savedEndpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;

beforeAll(async () => {
  const base = lakeConfig('s3');
  pool = startPool(2, packageRoot());
  lambdaApi = await startLambdaApiServer(pool, Object.keys(FUNCTION_LIMITS));
  lambdaDispatcher = lambdaApiDispatcher(lambdaApi.endpoint, (fn) => `arn:aws:lambda:us-east-1:000000000000:function:squall-test-${fn}`);
  const counting: TaskDispatcher = { invoke: (fn, payload, opts) => (invocations++, lambdaDispatcher.invoke(fn, payload, opts)) };
  sfnApi = await startStepFunctionsApiServer({ 'squall-query-test': QUERY_STATE_MACHINE }, counting);

  dynamo = await startDynamoDbLocal();
  const dynamoEndpoint = dynamo.endpoint;
  // What the function's own DynamoDBClient({}) reads: the SDK's per-service endpoint variable.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamoEndpoint;
  dynamoClient = new DynamoDBClient({ region: 'us-east-1', endpoint: dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await dynamoClient.send(new CreateTableCommand({ TableName: LEDGER, ...LEDGER_TABLE_KEYS, BillingMode: 'PAY_PER_REQUEST' }));
  await createReportRunsTable(dynamoClient, TABLE);

  bucket = await createTestBucket('report-fn');
  const { endpoint, region, forcePathStyle } = s3TestOptions();
  const s3 = { endpoint, region, forcePathStyle };
  dir = mkdtempSync(path.join(os.tmpdir(), 'squall-report-fn-'));
  // The config as packaged: the function points it at the stack's state machine and scratch.
  writeFileSync(
    path.join(dir, 'squall.config.json'),
    JSON.stringify({
      catalogs: base.catalogs,
      defaultCatalog: 'lake',
      defaultSchema: 'tpch_zstd',
      scratchS3: s3,
      planner: { fragmentTargetBytes: 64 * 1024 },
      runtime: { endpoint: sfnApi.endpoint, region: 'us-east-1' },
      reports: [
        { name: 'regions', schedule: 'cron(0 6 * * ? *)', format: 'csv', destination: `s3://${bucket}/reports`, s3, sql: 'SELECT r_regionkey, r_name FROM region ORDER BY 1', source: 'finance' },
        { name: 'broken', schedule: 'rate(1 hour)', format: 'json', destination: `s3://${bucket}/reports`, s3, sql: 'SELECT sum(l_quantity / (l_linenumber - l_linenumber)) FROM lineitem' },
      ],
    }),
  );
  handler = reportFunction({
    LAMBDA_TASK_ROOT: dir,
    SQUALL_CONFIG_FILE: 'squall.config.json',
    QUERY_STATE_MACHINE_ARN: sfnApi.arnOf('squall-query-test'),
    SCRATCH_URI: `s3://${bucket}/queries`,
    REPORT_RUNS_TABLE: TABLE,
    LEDGER_TABLE: LEDGER,
  });
});

afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
  else process.env.AWS_ENDPOINT_URL_DYNAMODB = savedEndpoint;
  dynamoClient?.destroy();
  await dynamo?.stop();
  await sfnApi?.close();
  lambdaDispatcher?.close();
  await lambdaApi?.close();
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function item(report: string, runId: string) {
  return (await dynamoClient.send(new GetItemCommand({ TableName: TABLE, Key: { report: { S: report }, runId: { S: runId } }, ConsistentRead: true }))).Item;
}

describe('the report function', () => {
  it('runs the report of a scheduled event through the state machine, writes its output to S3 and records the run', async () => {
    const result = await handler({ report: 'regions', time: '2026-11-21T06:00:00Z' });
    const output = `s3://${bucket}/reports/regions/2026-11-21T06-00-00Z.csv`;
    expect(result).toMatchObject({ report: 'regions', runId: '2026-11-21T06-00-00Z', ran: true, state: 'SUCCEEDED', rows: 5, output });
    expect(invocations).toBeGreaterThanOrEqual(3);
    const body = new TextDecoder().decode(await storeFor(output, s3TestOptions()).get(output));
    expect(body).toBe('r_regionkey,r_name\r\n0,AFRICA\r\n1,AMERICA\r\n2,ASIA\r\n3,EUROPE\r\n4,MIDDLE EAST\r\n');
    const stored = await item('regions', '2026-11-21T06-00-00Z');
    expect(stored).toMatchObject({
      state: { S: 'SUCCEEDED' },
      scheduledFor: { S: '2026-11-21T06:00:00.000Z' },
      trigger: { S: 'schedule' },
      rows: { N: '5' },
      bytes: { N: String(Buffer.byteLength(body)) },
      output: { S: output },
      user: { S: 'report:regions' },
      source: { S: 'finance' },
      error: { NULL: true },
    });
    expect(Number(stored?.costUsd?.N)).toBeGreaterThan(0);
    // The report's queries are accounted to its user and source, at the cost its run recorded.
    const spent = await new DynamoLedger({ client: dynamoClient, tableName: LEDGER }).spend({ user: 'report:regions' });
    expect(spent).toMatchObject([{ user: 'report:regions', source: 'finance', queries: 1 }]);
    expect(spent[0]!.costUsd).toBeCloseTo(Number(stored?.costUsd?.N), 9);
  });

  it('does nothing on a retried delivery of the same event', async () => {
    const before = invocations;
    const retry = await handler({ report: 'regions', time: '2026-11-21T06:00:00Z' });
    expect(retry).toMatchObject({ ran: false, state: 'SUCCEEDED', rows: 5, output: `s3://${bucket}/reports/regions/2026-11-21T06-00-00Z.csv` });
    expect(invocations).toBe(before);
  });

  it('records a failed run FAILED, fails the invocation with its error, and leaves no output', async () => {
    const event = { report: 'broken', time: '2026-11-21T07:00:00Z' };
    await expect(handler(event)).rejects.toMatchObject({ code: 'DIVISION_BY_ZERO', message: expect.stringContaining('Report broken run 2026-11-21T07-00-00Z failed: DIVISION_BY_ZERO') });
    expect(await item('broken', '2026-11-21T07-00-00Z')).toMatchObject({ state: { S: 'FAILED' }, error: { S: 'DIVISION_BY_ZERO: Division by zero' }, output: { NULL: true } });
    expect(await storeFor(`s3://${bucket}/`, s3TestOptions()).list(`s3://${bucket}/reports/broken/`)).toEqual([]);
    // Lambda retries a failed asynchronous invocation: the retry finds the run taken.
    const before = invocations;
    await expect(handler(event)).resolves.toMatchObject({ ran: false, state: 'FAILED' });
    expect(invocations).toBe(before);
  });

  it('refuses an event without a known report or with a bad time', async () => {
    await expect(handler({ report: 'nope', time: '2026-11-21T06:00:00Z' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENTS', message: "No report named 'nope' (reports: regions, broken)" });
    await expect(handler({ time: '2026-11-21T06:00:00Z' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENTS' });
    await expect(handler({ report: 'regions', time: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENTS' });
  });
});
