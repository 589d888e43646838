/**
 * The api Lambda as deployed, over local stand-ins of every AWS part it talks to with the SDK:
 * the handler (HTTP API v2 events, IAM/JWT authorizer contexts) built from its environment,
 * query state in DynamoDB (dynalite), each query a Step Functions execution (the local Step
 * Functions API running the real ASL, whose Tasks invoke the function bundles through the
 * Lambda invoke API), result pages written by the final step to S3 (s3rver) and read page by page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoLedger, LEDGER_TABLE_KEYS } from '../../../src/runtime/accounting/dynamoLedger.ts';
import { recordTaskCost } from '../../../src/runtime/engine/taskCosts.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HttpApiEvent, HttpApiResult } from '../../../src/runtime/api/apiGatewayEvent.ts';
import { DynamoQueryStore } from '../../../src/runtime/api/dynamoQueryStore.ts';
import type { QueryResults } from '../../../src/runtime/api/protocol.ts';
import { apiHandler, apiServiceFromEnv } from '../../../src/runtime/lambda/apiFunction.ts';
import type { TaskDispatcher } from '../../../src/runtime/local/dispatchers.ts';
import { lambdaApiDispatcher } from '../../../src/runtime/local/lambdaApiDispatcher.ts';
import { startLambdaApiServer, type LambdaApiServer } from '../../../src/runtime/local/lambdaApiServer.ts';
import { FUNCTION_LIMITS, QUERY_STATE_MACHINE, startPool } from '../../../src/runtime/local/localExecutor.ts';
import { startStepFunctionsApiServer, type StepFunctionsApiServer } from '../../../src/runtime/local/stepFunctionsApiServer.ts';
import type { InvokeOptions, WorkerPool } from '../../../src/runtime/local/workerPool.ts';
import { packageRoot } from '../../../src/runtime/squall.ts';
import type { ObjectStore } from '../../../src/storage/objectStore.ts';
import { storeFor } from '../../../src/storage/stores.ts';
import type { DuckDb } from '../../helpers/duckdb.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../helpers/dynamoDbLocal.ts';
import { createQueriesTable } from '../../helpers/localDynamo.ts';
import { lakeConfig, openReference } from '../../helpers/engine.ts';
import { createTestBucket, s3TestOptions } from '../../helpers/s3.ts';

const Q1 = `SELECT l_returnflag, l_linestatus, sum(l_extendedprice * (1 - l_discount)) AS revenue, count(*) AS n
  FROM lineitem WHERE l_shipdate <= DATE '1998-09-02' GROUP BY 1, 2 ORDER BY 1, 2`;
const ORDERED = 'SELECT l_orderkey, l_linenumber FROM lineitem ORDER BY l_orderkey, l_linenumber';
const TABLE = 'squall-queries-api-test';
const LEDGER = 'squall-ledger-api-test';
const MACHINE = 'squall-query-test';

const ANN = { iam: { userArn: 'arn:aws:iam::000000000000:user/ann', userId: 'AIDAANN' } };
const BEN = { iam: { userArn: 'arn:aws:iam::000000000000:user/ben', userId: 'AIDABEN' } };
/** Dan's queries have a per-query cost cap (the config's accounting). */
const DAN = { iam: { userArn: 'arn:aws:iam::000000000000:user/dan', userId: 'AIDADAN' } };
const DAN_CAP_USD = 0.01;
const CAROL = { jwt: { claims: { sub: 'carol-0001', iss: 'https://issuer.example.com/' }, scopes: null } };
type Caller = typeof ANN | typeof CAROL | null;

/** Scan invocations wait here while it is closed. */
interface Gate {
  readonly opened: Promise<void>;
  readonly firstHeld: Promise<void>;
  readonly held: Promise<unknown>[];
  open(): void;
  arrive(): void;
}

let pool: WorkerPool;
let lambdaApi: LambdaApiServer;
let sfnApi: StepFunctionsApiServer;
let dispatcher: ReturnType<typeof lambdaApiDispatcher>;
let gate: Gate | null = null;
let dynamo: DynamoDbLocal;
let ledger: DynamoLedger;
let reference: DuckDb;
let handler: (event: HttpApiEvent) => Promise<HttpApiResult>;
let store: DynamoQueryStore;
let scratch: ObjectStore;
let bucket: string;
let sfn: SFNClient;

function gated(inner: TaskDispatcher): TaskDispatcher {
  return {
    invoke(fn: string, payload: unknown, opts: InvokeOptions) {
      const g = gate;
      if (g === null || fn !== 'scan') return inner.invoke(fn, payload, opts);
      const run = g.opened.then(() => inner.invoke(fn, payload, opts));
      g.held.push(run);
      g.arrive();
      return run;
    },
  };
}

function closeGate(): Gate {
  let open!: () => void;
  let arrive!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const firstHeld = new Promise<void>((resolve) => (arrive = resolve));
  const g: Gate = { opened, firstHeld, held: [], open, arrive };
  gate = g;
  return g;
}

beforeAll(async () => {
  const base = lakeConfig('s3');
  pool = startPool(2, packageRoot());
  lambdaApi = await startLambdaApiServer(pool, Object.keys(FUNCTION_LIMITS));
  dispatcher = lambdaApiDispatcher(lambdaApi.endpoint, (fn) => `arn:aws:lambda:us-east-1:000000000000:function:squall-test-${fn}`);
  sfnApi = await startStepFunctionsApiServer({ [MACHINE]: QUERY_STATE_MACHINE }, gated(dispatcher));
  // AWS's DynamoDB Local: the ledger records each query in a transaction, which dynalite lacks.
  dynamo = await startDynamoDbLocal();
  await createQueriesTable(dynamo.client, TABLE);
  await dynamo.client.send(new CreateTableCommand({ TableName: LEDGER, ...LEDGER_TABLE_KEYS, BillingMode: 'PAY_PER_REQUEST' }));
  ledger = new DynamoLedger({ client: dynamo.client, tableName: LEDGER });
  bucket = await createTestBucket('api-scratch');
  const s3 = { endpoint: inject('s3Endpoint'), region: 'us-east-1', forcePathStyle: true };
  const env = {
    QUERIES_TABLE: TABLE,
    LEDGER_TABLE: LEDGER,
    QUERY_STATE_MACHINE_ARN: sfnApi.arnOf(MACHINE),
    SCRATCH_URI: `s3://${bucket}/queries`,
    // The config file packaged with the function, as serverless.yml's `config` param gives it.
    LAMBDA_TASK_ROOT: mkdtempSync(path.join(os.tmpdir(), 'squall-api-task-')),
    SQUALL_CONFIG_FILE: 'squall.config.json',
  };
  writeFileSync(
    path.join(env.LAMBDA_TASK_ROOT, env.SQUALL_CONFIG_FILE),
    JSON.stringify({
      catalogs: base.catalogs,
      defaultCatalog: 'lake',
      defaultSchema: 'tpch_zstd',
      scratchS3: s3,
      planner: { fragmentTargetBytes: 64 * 1024, mergeFanIn: 2 },
      runtime: { endpoint: sfnApi.endpoint, region: 'us-east-1' },
      accounting: { users: { [DAN.iam.userArn]: { perQueryUsd: DAN_CAP_USD } } },
    }),
  );
  handler = apiHandler(apiServiceFromEnv(env, { dynamo: dynamo.client }));
  store = new DynamoQueryStore({ client: dynamo.client, tableName: TABLE });
  scratch = storeFor(`s3://${bucket}/`, s3TestOptions());
  sfn = new SFNClient({ endpoint: sfnApi.endpoint, region: 'us-east-1', disableHostPrefix: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  reference = await openReference({ lineitem: 'tpch_zstd/lineitem' });
});

afterAll(async () => {
  gate?.open();
  reference?.close();
  sfn?.destroy();
  await sfnApi?.close();
  dispatcher?.close();
  await lambdaApi?.close();
  await pool?.close();
  await dynamo?.stop();
});

function event(method: string, rawPath: string, caller: Caller, body = ''): HttpApiEvent {
  return {
    version: '2.0',
    rawPath,
    // Trino clients always name a user; behind the authorizer it counts for nothing.
    headers: { 'x-trino-user': 'root', 'x-forwarded-proto': 'https' },
    body,
    isBase64Encoded: false,
    requestContext: { domainName: 'api.example.com', stage: '$default', http: { method, path: rawPath }, ...(caller ? { authorizer: caller } : {}) },
  };
}

async function call(method: string, path: string, caller: Caller, body = ''): Promise<{ status: number; json: unknown }> {
  const res = await handler(event(method, path, caller, body));
  return { status: res.statusCode, json: res.headers['content-type'] === 'application/json' ? (JSON.parse(res.body) as unknown) : res.body };
}

const pathOf = (uri: string): string => new URL(uri).pathname;

/** POST /v1/statement, then every nextUri until there is none: each response page. */
async function drain(sql: string, caller: Caller = ANN): Promise<QueryResults[]> {
  let page = (await call('POST', '/v1/statement', caller, sql)).json as QueryResults;
  const pages = [page];
  while (page.nextUri) {
    page = (await call('GET', pathOf(page.nextUri), caller)).json as QueryResults;
    pages.push(page);
  }
  return pages;
}

/** DuckDB's rows with BIGINT strings as numbers (as the client protocol encodes them up to 2^53). */
async function expected(sql: string): Promise<unknown[][]> {
  return (await reference.rows(sql)).map((r) => r.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)));
}

const objectsUnder = async (prefix: string): Promise<string[]> => (await scratch.list(`s3://${bucket}/queries/${prefix}`)).map((o) => o.uri);

describe('the api Lambda on AWS stand-ins', () => {
  it('runs a query as a Step Functions execution and pages its result from S3', async () => {
    const pages = await drain(Q1);
    const last = pages.at(-1)!;
    expect(last.error).toBeUndefined();
    expect(last.stats.state).toBe('FINISHED');
    expect(pages[0]!.stats.state).toBe('RUNNING');
    const id = pages[0]!.id;
    expect(pages.find((p) => p.columns)!.columns!.map((c) => [c.name, c.type])).toEqual([
      ['l_returnflag', 'varchar'], ['l_linestatus', 'varchar'], ['revenue', 'decimal(38,4)'], ['n', 'bigint'],
    ]);
    expect(pages.flatMap((p) => p.data ?? [])).toEqual(await expected(Q1));
    const record = (await store.get(id))!;
    expect(record).toMatchObject({ user: ANN.iam.userArn, state: 'FINISHED', executionArn: `arn:aws:states:us-east-1:000000000000:execution:${MACHINE}:${id}` });
    expect(record.result).toMatchObject({ location: `s3://${bucket}/queries/results/${id}/`, pageCount: 1, rowCount: 4 });
    expect(record.stats!.invocations).toBeGreaterThan(3);
    // Its cost is in the ledger, once, under its user, however many polls saw it end.
    const spent = await ledger.spend({ user: ANN.iam.userArn });
    expect(spent.reduce((s, r) => s + r.queries, 0)).toBe(1);
    expect(spent.reduce((s, r) => s + r.costUsd, 0)).toBeCloseTo(record.stats!.estimatedCostUsd, 8); // kept in nano-dollars
    expect(record.stats!.estimatedCostUsd).toBeGreaterThan(0);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: record.executionArn! }))).status).toBe('SUCCEEDED');
    // The plan and partials are gone once the query ended; its pages stay for the client.
    expect(await objectsUnder(`${id}/`)).toEqual([]);
    expect(await objectsUnder(`results/${id}/`)).toEqual([`s3://${bucket}/queries/results/${id}/000000.json`]);
  });

  it('answers POST /v1/query with the JSON result, and errors with their position', async () => {
    const ok = await call('POST', '/v1/query', CAROL, Q1);
    expect(ok.status).toBe(200);
    const body = ok.json as { columns: { name: string; type: string }[]; rows: unknown[][]; stats: { invocations: number; wallMs: number } };
    expect(body.columns).toEqual([{ name: 'l_returnflag', type: 'varchar' }, { name: 'l_linestatus', type: 'varchar' }, { name: 'revenue', type: 'decimal(38,4)' }, { name: 'n', type: 'bigint' }]);
    expect(body.rows).toEqual(await expected(Q1));
    expect(body.stats.invocations).toBeGreaterThan(3);
    expect(body.stats.wallMs).toBeGreaterThan(0);
    const bad = await call('POST', '/v1/query', CAROL, 'SELECT l_orderkey\nFROM lineitem\nWHERE AND');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: { code: 'SYNTAX_ERROR', message: expect.any(String), line: 3, column: 7 } });
  });

  it('answers EXPLAIN ANALYZE with the plan and the figures of the execution that ran it', async () => {
    const res = await call('POST', '/v1/query', ANN, 'EXPLAIN ANALYZE SELECT l_returnflag, count(*) FROM lineitem GROUP BY 1');
    expect(res.status).toBe(200);
    const body = res.json as { columns: unknown; rows: string[][] };
    expect(body.columns).toEqual([{ name: 'Query Plan', type: 'varchar' }]);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]![0]).toMatch(/^Fragment \d+ \[[\s\S]*\n {4}actual: \d+ task\(s\)[\s\S]*invocation\(s\)[\s\S]*Cost: \$/);
  });

  it('pages a large result completely and in order, one bounded object a page', async () => {
    const pages = await drain(ORDERED);
    const want = await expected(ORDERED);
    expect(want.length).toBeGreaterThan(50_000);
    const withData = pages.filter((p) => (p.data?.length ?? 0) > 0);
    expect(withData.every((p) => p.data!.length <= 1000)).toBe(true);
    expect(withData.length).toBe(Math.ceil(want.length / 1000));
    expect(pages.flatMap((p) => p.data ?? [])).toEqual(want);
    const objects = await scratch.list(`s3://${bucket}/queries/results/${pages[0]!.id}/`);
    expect(objects.length).toBe(withData.length);
    expect(objects.every((o) => o.size <= (1 << 20) + 1024)).toBe(true);
    // The same link gives the same page again.
    const second = withData[1]!;
    const link = pages[pages.indexOf(second) - 1]!.nextUri!;
    expect(((await call('GET', pathOf(link), ANN)).json as QueryResults).data).toEqual(second.data);
  });

  it('reports a syntax error with its line and column', async () => {
    const last = (await drain('SELECT l_orderkey\nFROM lineitem\nWHERE AND')).at(-1)!;
    expect(last.stats.state).toBe('FAILED');
    expect(last.error).toMatchObject({ errorName: 'SYNTAX_ERROR', errorCode: 1, errorType: 'USER_ERROR', errorLocation: { lineNumber: 3, columnNumber: 7 } });
  });

  it('stops a running query whose tasks have cost more than its cap, and bills what it spent', async () => {
    const g = closeGate();
    const first = (await call('POST', '/v1/statement', DAN, Q1)).json as QueryResults;
    await g.firstHeld;
    // Q1's estimate is far under the cap, so it runs. A task that ran for ten minutes (what a
    // skewed fragment or a slow store can do, and this test cannot afford) leaves its marker as
    // every task of a capped query does, through the same function.
    const scratchUri = `s3://${bucket}/queries`;
    await recordTaskCost(scratch, scratchUri, first.id, { stage: 0, task: 0, durationMs: 600_000, memoryMb: 1769, s3Gets: 10, s3PutsAndLists: 1 });
    const stopped = (await call('GET', pathOf(first.nextUri!), DAN)).json as QueryResults;
    expect(stopped.stats.state).toBe('FAILED');
    expect(stopped.error).toMatchObject({ errorName: 'EXCEEDED_COST_LIMIT', errorType: 'INSUFFICIENT_RESOURCES' });
    expect(stopped.error!.message).toMatch(/was stopped after spending \$0\.01\d+, past the per-query cap of \$0\.0100 for user arn:aws:iam::000000000000:user\/dan/);
    const executionArn = (await store.get(first.id))!.executionArn!;
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    // The ledger has what the markers say it spent: more than the cap.
    const [spent] = await ledger.spend({ user: DAN.iam.userArn });
    expect(spent).toMatchObject({ queries: 1 });
    expect(spent!.costUsd).toBeGreaterThan(DAN_CAP_USD);
    gate = null;
    g.open();
    await Promise.allSettled(g.held);
  });

  it('DELETE stops the execution and leaves nothing in scratch', async () => {
    const g = closeGate();
    const first = (await call('POST', '/v1/statement', ANN, Q1)).json as QueryResults;
    await g.firstHeld;
    const running = (await call('GET', pathOf(first.nextUri!), ANN)).json as QueryResults;
    expect(running.stats.state).toBe('RUNNING');
    expect(await objectsUnder(`${first.id}/`)).not.toEqual([]);
    expect((await call('DELETE', pathOf(running.nextUri!), ANN)).status).toBe(204);
    const executionArn = (await store.get(first.id))!.executionArn!;
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
    expect(await objectsUnder(`${first.id}/`)).toEqual([]);
    expect(await objectsUnder(`results/${first.id}/`)).toEqual([]);
    // The invocations held when it stopped run now, as Lambda invocations in flight run on after
    // StopExecution on AWS: they find the plan gone, fail and write nothing.
    gate = null;
    g.open();
    const held = await Promise.allSettled(g.held);
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((h) => h.status === 'rejected')).toBe(true);
    expect(await objectsUnder(`${first.id}/`)).toEqual([]);
    const after = (await call('GET', pathOf(running.nextUri!), ANN)).json as QueryResults;
    expect(after.stats.state).toBe('FAILED');
    expect(after.error).toMatchObject({ errorName: 'USER_CANCELED', errorCode: 3 });
  });

  it('lets no caller read or cancel another caller’s query, and no one in without an identity', async () => {
    const first = (await call('POST', '/v1/statement', ANN, 'SELECT count(*) FROM lineitem')).json as QueryResults;
    const next = pathOf(first.nextUri!);
    expect((await call('GET', next, BEN)).status).toBe(404);
    expect((await call('DELETE', next, BEN)).status).toBe(404);
    expect((await call('GET', `/v1/query/${first.id}`, CAROL)).status).toBe(404);
    expect((await call('GET', `/v1/query/${first.id}/result`, BEN)).status).toBe(404);
    expect((await call('POST', '/v1/statement', null, 'SELECT 1')).status).toBe(401);
    // Ben's attempts changed nothing: Ann's query ends, and its answer is hers.
    const answer = await call('GET', `/v1/query/${first.id}/result`, ANN);
    expect(answer.status).toBe(200);
    expect((answer.json as { rows: unknown[][] }).rows).toEqual(await expected('SELECT count(*) FROM lineitem'));
    expect((await store.get(first.id))?.state).toBe('FINISHED');
  });
});
