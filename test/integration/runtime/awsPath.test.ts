/**
 * The AWS path end to end with real SDK clients against loopback servers: the AWS executor
 * starts executions with SFNClient on the Step Functions API; the real ASL's Tasks invoke the
 * functions with LambdaClient through the Lambda invoke API; the functions (worker threads
 * running the deployed bundles) read the lake and write scratch through S3Client on s3rver.
 */
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SquallConfig } from '../../../src/config/config.ts';
import { recordTaskCost } from '../../../src/runtime/engine/taskCosts.ts';
import type { TaskDispatcher } from '../../../src/runtime/local/dispatchers.ts';
import { storeFor } from '../../../src/storage/stores.ts';
import { clientRows } from '../../../src/cli/format.ts';
import { parseConfig } from '../../../src/config/config.ts';
import { lambdaApiDispatcher } from '../../../src/runtime/local/lambdaApiDispatcher.ts';
import { startLambdaApiServer, type LambdaApiServer } from '../../../src/runtime/local/lambdaApiServer.ts';
import { FUNCTION_LIMITS, QUERY_STATE_MACHINE, startPool } from '../../../src/runtime/local/localExecutor.ts';
import { startStepFunctionsApiServer, type StepFunctionsApiServer } from '../../../src/runtime/local/stepFunctionsApiServer.ts';
import type { WorkerPool } from '../../../src/runtime/local/workerPool.ts';
import { packageRoot, Squall } from '../../../src/runtime/squall.ts';
import type { DuckDb } from '../../helpers/duckdb.ts';
import { lakeConfig, openReference, useS3rverCredentials } from '../../helpers/engine.ts';
import { createTestBucket } from '../../helpers/s3.ts';

const SQL = `SELECT l_returnflag, l_linestatus, sum(l_extendedprice * (1 - l_discount)), count(*)
  FROM lineitem WHERE l_shipdate <= DATE '1998-09-02' GROUP BY 1, 2 ORDER BY 1, 2`;

let pool: WorkerPool;
let lambdaApi: LambdaApiServer;
let sfnApi: StepFunctionsApiServer;
let dispatcher: ReturnType<typeof lambdaApiDispatcher>;
let reference: DuckDb;
let expected: unknown[][];
/** Runs before each scan invocation the state machine makes (a test's window into a running query). */
let beforeScan: ((payload: { queryId: string }) => Promise<void>) | null = null;
let sfn: SFNClient;

beforeAll(async () => {
  useS3rverCredentials();
  pool = startPool(2, packageRoot());
  lambdaApi = await startLambdaApiServer(pool, Object.keys(FUNCTION_LIMITS));
  dispatcher = lambdaApiDispatcher(lambdaApi.endpoint, (fn) => `arn:aws:lambda:us-east-1:000000000000:function:squall-test-${fn}`);
  const hooked: TaskDispatcher = {
    invoke: async (fn, payload, opts) => {
      if (fn === 'scan' && beforeScan !== null) await beforeScan(payload as { queryId: string });
      return dispatcher.invoke(fn, payload, opts);
    },
  };
  sfnApi = await startStepFunctionsApiServer({ 'squall-query-test': QUERY_STATE_MACHINE }, hooked);
  sfn = new SFNClient({ endpoint: sfnApi.endpoint, region: 'us-east-1', disableHostPrefix: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  reference = await openReference({ lineitem: 'tpch_zstd/lineitem' });
  expected = (await reference.rows(SQL)).map((r) => r.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)));
});

afterAll(async () => {
  sfn?.destroy();
  reference.close();
  await sfnApi.close();
  dispatcher.close();
  await lambdaApi.close();
  await pool.close();
});

describe('the AWS executor against the Step Functions and Lambda APIs on loopback', () => {
  afterEach(() => {
    beforeScan = null;
  });

  async function awsSquall(accounting?: object): Promise<Squall> {
    return new Squall({ config: await awsConfig(accounting) });
  }

  async function awsConfig(accounting?: object): Promise<SquallConfig> {
    const base = lakeConfig('s3');
    const bucket = await createTestBucket();
    const s3 = { endpoint: inject('s3Endpoint'), region: 'us-east-1', forcePathStyle: true };
    return parseConfig(
      {
        catalogs: base.catalogs,
        defaultCatalog: 'lake',
        defaultSchema: 'tpch_zstd',
        scratch: `s3://${bucket}/queries`,
        scratchS3: s3,
        planner: { fragmentTargetBytes: 64 * 1024, mergeFanIn: 2 },
        runtime: { kind: 'aws', stateMachineArn: sfnApi.arnOf('squall-query-test'), endpoint: sfnApi.endpoint, region: 'us-east-1' },
        ...(accounting ? { accounting } : {}),
      },
      process.cwd(),
      'aws test config',
    );
  }

  it('answers a query exactly, with figures derived from the handlers and the plan', async () => {
    const squall = await awsSquall();
    try {
      const result = await squall.query(SQL);
      expect(clientRows(result.columns, result.batch)).toEqual(expected);
      const s = result.stats;
      expect(s.fragments).toBeGreaterThan(2);
      // One plan, one scan per fragment, one merge per group, one finalize.
      const merges = s.stages.merge.invocations;
      expect(s.invocations).toBe(1 + s.fragments + merges + 1);
      expect(s.stateTransitions).toBeGreaterThan(4);
      expect(s.billedGbSeconds).toBeGreaterThan(0);
      expect(s.s3Requests).toBeGreaterThan(s.fragments);
    } finally {
      await squall.close();
    }
  });

  const executionOf = (queryId: string): Promise<string | undefined> =>
    sfn.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:us-east-1:000000000000:execution:squall-query-test:${queryId}` })).then((d) => d.status);

  /** Until the execution has ended (at most 10 s, so a test whose stop never comes fails soon). */
  async function whileRunning(queryId: string): Promise<void> {
    const end = Date.now() + 10_000;
    while ((await executionOf(queryId)) === 'RUNNING' && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  }

  it('stops the execution when the caller cancels', async () => {
    const squall = await awsSquall();
    const cancel = new AbortController();
    let queryId = '';
    beforeScan = async (payload) => {
      if (queryId !== '') return;
      queryId = payload.queryId;
      cancel.abort();
      // This scan waits until the execution has been stopped, as a long task would have.
      await whileRunning(queryId);
    };
    try {
      await expect(squall.query(SQL, {}, undefined, { signal: cancel.signal })).rejects.toMatchObject({ code: 'USER_CANCELED' });
      expect(await executionOf(queryId)).toBe('ABORTED');
    } finally {
      await squall.close();
    }
  });

  it('stops the execution once its tasks have cost more than the cap, and says so', async () => {
    const config = await awsConfig({ users: { gus: { perQueryUsd: 0.01 } } });
    const squall = new Squall({ config });
    let queryId = '';
    beforeScan = async (payload) => {
      if (queryId !== '') return;
      queryId = payload.queryId;
      // A task that ran ten minutes (this test cannot afford one) leaves its marker, through the
      // function every task of a capped query puts its marker with.
      await recordTaskCost(storeFor(config.scratch!, config.scratchS3), config.scratch!, queryId, { stage: 0, task: 0, durationMs: 600_000, memoryMb: 1769, s3Gets: 10, s3PutsAndLists: 2 });
      // This scan waits until the execution has been stopped, as a long task would have.
      await whileRunning(queryId);
    };
    try {
      const failure = squall.query(SQL, {}, undefined, { user: 'gus' });
      await expect(failure).rejects.toMatchObject({ code: 'EXCEEDED_COST_LIMIT' });
      await expect(failure).rejects.toThrow(/was stopped after spending \$0\.01\d+, past the per-query cap of \$0\.0100 for user gus/);
      expect(await executionOf(queryId)).toBe('ABORTED');
    } finally {
      await squall.close();
    }
  });

  it('reports a failed execution as the user error behind it', async () => {
    const squall = await awsSquall();
    try {
      await expect(squall.query('SELECT sum(l_quantity / (l_linenumber - l_linenumber)) FROM lineitem')).rejects.toMatchObject({ code: 'DIVISION_BY_ZERO' });
      await expect(squall.query('SELECT nope FROM lineitem')).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND', span: { line: 1, column: 8 } });
    } finally {
      await squall.close();
    }
  });
});

describe('the local executor through the Lambda invoke API', () => {
  it('runs the same query with Tasks calling LambdaClient instead of the pool', async () => {
    const squall = new Squall({ config: lakeConfig('file', 'tpch_zstd', { fragmentTargetBytes: 64 * 1024 }), workers: 2, dispatch: 'lambda-api' });
    try {
      const result = await squall.query(SQL);
      expect(clientRows(result.columns, result.batch)).toEqual(expected);
      expect(result.stats.invocations).toBe(result.stats.fragments + 2 + result.stats.stages.merge.invocations);
      await expect(squall.query("SELECT CAST('x' AS integer) FROM lineitem")).rejects.toMatchObject({ code: 'INVALID_CAST_ARGUMENT' });
    } finally {
      await squall.close();
    }
  });
});
