/**
 * The JSON result of ARCHITECTURE.md (`squall query --format json`, the query API's
 * `POST /v1/query`): columns with Trino's type names, rows with values encoded as the Trino
 * client protocol encodes them, and the query's figures.
 */
import type { OutputColumn } from '../plan/logical.ts';
import { toClientJson, type ClientValue } from '../types/clientJson.ts';
import { formatType } from '../types/sqlType.ts';
import { valueAt, type Batch } from '../types/vector.ts';

export function clientRows(columns: readonly OutputColumn[], batch: Batch): ClientValue[][] {
  const rows: ClientValue[][] = [];
  for (let r = 0; r < batch.length; r++) rows.push(columns.map((c, j) => toClientJson(valueAt(batch.columns[j]!, r), c.type)));
  return rows;
}

export function formatJson(columns: readonly OutputColumn[], rows: readonly (readonly ClientValue[])[], stats: unknown): string {
  return JSON.stringify({ columns: columns.map((c) => ({ name: c.name, type: formatType(c.type) })), rows, stats }) + '\n';
}
