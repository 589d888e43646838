/**
 * The Ledger contract against the in-memory ledger, the JSON-lines file ledger and the DynamoDB
 * ledger on AWS's DynamoDB Local (loopback; dynalite lacks TransactWriteItems), each table
 * created with the keys serverless.yml declares.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLedger, LEDGER_TABLE_KEYS } from '../../../src/runtime/accounting/dynamoLedger.ts';
import { FileLedger } from '../../../src/runtime/accounting/fileLedger.ts';
import { MemoryLedger } from '../../../src/runtime/accounting/ledger.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../helpers/dynamoDbLocal.ts';
import { entry, ledgerContract } from '../../helpers/ledgerContract.ts';

describe('MemoryLedger', () => {
  const ledger = new MemoryLedger();
  ledgerContract(() => ledger);
});

describe('FileLedger', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'squall-ledger-'));
  const file = path.join(dir, 'nested', 'ledger.jsonl');
  const ledger = new FileLedger(file);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  ledgerContract(() => ledger);

  it('is read back by another ledger on the same file (a later process), which adds to it', async () => {
    const e = entry({ user: 'later', costUsd: 0.02 });
    await ledger.record(e);
    const other = new FileLedger(file);
    expect(await other.spentToday({ user: 'later' }, new Date(e.endedAt))).toBe(0.02);
    expect(await other.record(e)).toBe(false);
    await other.record(entry({ user: 'later', costUsd: 0.03 }));
    // The first one sees the other's line too.
    expect(await ledger.spentToday({ user: 'later' }, new Date(e.endedAt))).toBe(0.05);
  });

  it('counts an entry written twice (two processes racing) once', async () => {
    const e = entry({ user: 'twice', costUsd: 0.07 });
    appendFileSync(file, `${JSON.stringify(e)}\n${JSON.stringify(e)}\n`);
    expect(await new FileLedger(file).spentToday({ user: 'twice' }, new Date(e.endedAt))).toBe(0.07);
    expect(await ledger.spentToday({ user: 'twice' }, new Date(e.endedAt))).toBe(0.07);
  });

  it('waits for a line still being written, and refuses a corrupt one', async () => {
    const f = path.join(dir, 'partial.jsonl');
    const e = entry({ user: 'partial', costUsd: 0.5 });
    const line = JSON.stringify(e);
    writeFileSync(f, line.slice(0, 20));
    const l = new FileLedger(f);
    expect(await l.spentToday({ user: 'partial' }, new Date(e.endedAt))).toBe(0);
    appendFileSync(f, `${line.slice(20)}\n`);
    expect(await l.spentToday({ user: 'partial' }, new Date(e.endedAt))).toBe(0.5);
    appendFileSync(f, '{"queryId": 7}\n');
    await expect(l.spend()).rejects.toMatchObject({ code: 'STORAGE_ERROR', message: `Ledger ${f} line 2 is not a ledger entry` });
    expect(readFileSync(f, 'utf8').split('\n')).toHaveLength(3);
  });
});

describe('DynamoLedger on DynamoDB Local', () => {
  const tableName = 'squall-ledger-test';
  let ddb: DynamoDbLocal;
  let ledger: DynamoLedger;

  beforeAll(async () => {
    ddb = await startDynamoDbLocal();
    await ddb.client.send(new CreateTableCommand({ TableName: tableName, ...LEDGER_TABLE_KEYS, BillingMode: 'PAY_PER_REQUEST' }));
    ledger = new DynamoLedger({ client: ddb.client, tableName, maxAttempts: 50 });
  });

  afterAll(async () => {
    await ddb?.stop();
  });

  ledgerContract(() => ledger);

  it('keeps every counter equal to the sum of its query items, after races and repeats', async () => {
    const items = [];
    let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
    do {
      const page = await ddb.client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    const queries = items.filter((i) => i.sk?.S === 'query');
    expect(queries.length).toBeGreaterThan(60);
    const expected = new Map<string, { n: number; nano: number }>();
    const add = (key: string, nano: number): void => {
      const t = expected.get(key) ?? { n: 0, nano: 0 };
      expected.set(key, { n: t.n + 1, nano: t.nano + nano });
    };
    for (const q of queries) {
      const day = `day#${q.day!.S}`;
      const nano = Number(q.costNano!.N);
      const user = encodeURIComponent(q.user!.S!);
      const source = q.source?.S;
      add(`${day}|user#${user}#source#${encodeURIComponent(source ?? '')}`, nano);
      add(`${day}|user#${user}`, nano);
      if (source !== undefined) add(`${day}|source#${encodeURIComponent(source)}`, nano);
    }
    const counters = items.filter((i) => i.sk?.S !== 'query');
    expect(counters).toHaveLength(expected.size);
    for (const c of counters) {
      expect({ key: `${c.pk!.S}|${c.sk!.S}`, n: Number(c.queries!.N), nano: Number(c.costNano!.N) }).toEqual({ key: `${c.pk!.S}|${c.sk!.S}`, ...expected.get(`${c.pk!.S}|${c.sk!.S}`) });
    }
  });
});
