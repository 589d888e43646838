/**
 * DuckDB as the reference engine in tests: an in-memory database and queries returning rows as
 * JSON values (DECIMAL as exact strings, DATE as 'YYYY-MM-DD', BIGINT as strings).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface DuckDb {
  /** Rows as arrays of JSON values, in column order. */
  rows(sql: string): Promise<JsonValue[][]>;
  /** Rows as objects keyed by column name. */
  objects(sql: string): Promise<Record<string, JsonValue>[]>;
  /** The single value of a one-row, one-column query. */
  value(sql: string): Promise<JsonValue>;
  /** Rows with the result's column names and DuckDB type names (`DECIMAL(15,2)`, `BIGINT`…). */
  typed(sql: string): Promise<TypedRows>;
  close(): void;
}

export interface TypedRows {
  readonly names: string[];
  readonly types: string[];
  readonly rows: JsonValue[][];
}

export async function openDuckDb(): Promise<DuckDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  const rows = async (sql: string): Promise<JsonValue[][]> => (await connection.runAndReadAll(sql)).getRowsJson() as JsonValue[][];
  return {
    rows,
    async objects(sql) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, JsonValue>[];
    },
    async value(sql) {
      const result = await rows(sql);
      if (result.length !== 1 || result[0]!.length !== 1) throw new Error(`expected one value from: ${sql}`);
      return result[0]![0]!;
    },
    async typed(sql) {
      const reader = await connection.runAndReadAll(sql);
      return {
        names: reader.columnNames(),
        types: reader.columnTypes().map((t) => t.toString()),
        rows: reader.getRowsJson() as JsonValue[][],
      };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
