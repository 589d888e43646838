/**
 * The ReportRunStore contract against the local JSON lines file and against DynamoReportRunStore
 * on dynalite (loopback, ephemeral port; the table created as serverless.yml declares it).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportRunsTable, startDynalite, type LocalDynamo } from '../../helpers/localDynamo.ts';
import { parseConfig } from '../../../src/config/config.ts';
import { DynamoReportRunStore } from '../../../src/runtime/reports/dynamoReportRunStore.ts';
import { openReportRunStore } from '../../../src/runtime/reports/reports.ts';
import { LocalReportRunStore } from '../../../src/runtime/reports/localReportRunStore.ts';
import { useS3rverCredentials } from '../../helpers/engine.ts';
import { newRun, reportRunStoreContract } from '../../helpers/reportRunStoreContract.ts';

describe('LocalReportRunStore (JSON lines)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'squall-runs-'));
  const file = path.join(dir, 'state', 'report-runs.jsonl');
  const store = new LocalReportRunStore(pathToFileURL(file).href);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  reportRunStoreContract(() => store);

  it('appends one line per change and ignores a torn last line', async () => {
    const run = newRun();
    await store.claim(run, '2026-11-21T05:00:00.000Z');
    appendFileSync(file, '{"report":"half a li');
    expect(await store.get(run.report, run.runId)).toEqual(run);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.filter((l) => l.includes(`"report":"${run.report}"`))).toHaveLength(1);
    // The next append starts on a line of its own after the torn one.
    writeFileSync(file, readFileSync(file, 'utf8') + '\n');
  });

  it('two stores on one file (two processes) still let one claim win', async () => {
    const other = new LocalReportRunStore(file);
    const run = newRun();
    const [a, b] = await Promise.all([store.claim(run, '2026-11-21T05:00:00.000Z'), other.claim({ ...run, claim: 'b' }, '2026-11-21T05:00:00.000Z')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it('breaks a lock left by a dead process, and times out on a live one', async () => {
    const lock = `${file}.lock`;
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(await store.claim(newRun(), '2026-11-21T05:00:00.000Z')).toBe(true);
    writeFileSync(lock, '');
    const impatient = new LocalReportRunStore(file, { lockTimeoutMs: 50 });
    await expect(impatient.claim(newRun(), '2026-11-21T05:00:00.000Z')).rejects.toMatchObject({ code: 'STORAGE_ERROR', message: expect.stringContaining('is locked') });
    rmSync(lock);
  });
});

describe('DynamoReportRunStore on dynalite', () => {
  const tableName = 'squall-report-runs-test';
  let dynamo: LocalDynamo;
  let client: DynamoDBClient;
  let store: DynamoReportRunStore;

  beforeAll(async () => {
    dynamo = await startDynalite();
    client = dynamo.client;
    await createReportRunsTable(client, tableName);
    store = new DynamoReportRunStore({ client, tableName });
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  reportRunStoreContract(() => store);

  it('is what a config naming the table opens (squall report list against a deployed stack)', async () => {
    const run = newRun();
    await store.claim(run, '2026-11-21T05:00:00.000Z');
    // Credentials come from the standard chain (dynalite takes any).
    useS3rverCredentials();
    const config = parseConfig(
      {
        catalogs: { lake: { connector: 'parquet', location: 's3://lake/x' } },
        reports: [{ name: run.report, schedule: 'rate(1 hour)', format: 'csv', destination: 's3://out/x', sql: 'SELECT 1' }],
        reportRuns: { dynamodb: { table: tableName, region: 'us-east-1', endpoint: dynamo.endpoint } },
      },
      '/',
    );
    expect(await (await openReportRunStore(config)).list(run.report, 5)).toEqual([run]);
  });

  it('stores tiny costs as plain decimals and missing values as NULL', async () => {
    const run = newRun();
    await store.claim(run, '2026-11-21T05:00:00.000Z');
    await store.finish({ ...run, state: 'SUCCEEDED', endedAt: '2026-11-21T06:00:02.000Z', rows: 0, bytes: 10, costUsd: 1.2345e-7, output: 'file:///x' });
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { report: { S: run.report }, runId: { S: run.runId } } }));
    expect(Item?.costUsd).toEqual({ N: '0.00000012345' });
    expect(Item?.error).toEqual({ NULL: true });
    expect((await store.get(run.report, run.runId))?.costUsd).toBe(1.2345e-7);
  });
});
