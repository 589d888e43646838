/** The ledger a configuration names: a JSON-lines file or a DynamoDB table. */
import { fileURLToPath } from 'node:url';
import type { AccountingConfig } from '../../config/config.ts';
import { FileLedger } from './fileLedger.ts';
import type { Ledger } from './ledger.ts';

/** `fallback` when the config names none (the CLI: the file under ~/.squall; the library: memory). */
export async function openLedger(accounting: AccountingConfig | undefined, fallback: () => Ledger): Promise<Ledger> {
  const where = accounting?.ledger;
  if (where === undefined) return fallback();
  if (typeof where === 'string') return new FileLedger(fileURLToPath(where));
  // The DynamoDB client loads only for a DynamoDB ledger.
  const [{ DynamoDBClient }, { DynamoLedger }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('./dynamoLedger.ts')]);
  const t = where.dynamodb;
  const client = new DynamoDBClient({ ...(t.region ? { region: t.region } : {}), ...(t.endpoint ? { endpoint: t.endpoint } : {}) });
  const ledger = new DynamoLedger({ client, tableName: t.table });
  return {
    record: (e) => ledger.record(e),
    spend: (q) => ledger.spend(q),
    spentToday: (w, now) => ledger.spentToday(w, now),
    close: async () => client.destroy(),
  };
}
