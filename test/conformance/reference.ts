/**
 * DuckDB as the reference for one TPC-H variant: the TPC-H tables of that schema as views under
 * their bare names (what the corpus's unqualified names mean), and the `extra` and `bad` tables
 * under DuckDB schemas of the same names, so qualified names in the corpus read the same files.
 */
import { inject } from 'vitest';
import { TPCH_TABLES } from '../setup/testLake.ts';
import { openDuckDb, sqlString, type DuckDb, type TypedRows } from '../helpers/duckdb.ts';
import { TRINO_MACROS } from './trinoMacros.ts';

/** Tables of other schemas that have a correct answer (the rest of `bad` only fails). */
const QUALIFIED_TABLES = ['extra.lineitem_part', 'extra.orders_month', 'extra.nulls', 'extra.types', 'bad.empty'] as const;

export interface Reference {
  /** DuckDB's answer, computed once per SQL text. */
  answer(sql: string): Promise<TypedRows>;
  close(): void;
}

export async function openTpchReference(schema: string): Promise<Reference> {
  const db: DuckDb = await openDuckDb();
  const lake = new URL(inject('testLakeUri')).pathname;
  const view = async (name: string, relative: string): Promise<void> => {
    const files = sqlString(`${lake}/${relative}/**/*.parquet`);
    await db.rows(`CREATE VIEW ${name} AS SELECT * FROM read_parquet(${files}, hive_partitioning = true)`);
  };
  for (const t of TPCH_TABLES) await view(t, `${schema}/${t}`);
  for (const s of new Set(QUALIFIED_TABLES.map((t) => t.split('.')[0]!))) await db.rows(`CREATE SCHEMA ${s}`);
  for (const t of QUALIFIED_TABLES) await view(t, t.replace('.', '/'));
  for (const m of TRINO_MACROS) await db.rows(m);
  const cache = new Map<string, Promise<TypedRows>>();
  return {
    answer(sql) {
      let found = cache.get(sql);
      if (found === undefined) {
        found = db.typed(sql);
        cache.set(sql, found);
      }
      return found;
    },
    close: () => db.close(),
  };
}
