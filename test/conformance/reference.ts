/**
 * DuckDB as the reference for one TPC-H variant: the TPC-H tables of that schema as views under
 * their bare names (what the corpus's unqualified names mean), and the `extra` and `bad` tables
 * under DuckDB schemas of the same names, so qualified names in the corpus read the same files.
 */
import { inject } from 'vitest';
import { TPCH_TABLES } from '../setup/testLake.ts';
import { openDuckDb, sqlString, type DuckDb, type TypedRows } from '../helpers/duckdb.ts';

/**
 * Trino semantics DuckDB lacks, as macros the corpus's DuckDB spellings may call. Both give the
 * exact quotient rounded HALF_UP (ties away from zero) to scale `s`, as DECIMAL(38,s): the
 * operands become exact integers, the quotient is truncated at 6 decimals (which keeps every
 * tie visible for s ≤ 5), and DuckDB's decimal round() is itself exact half-up. Cast the
 * result to the Trino type. (DuckDB's own decimal division and avg go through DOUBLE.)
 *   trino_div(a, b, s): Trino's decimal division a / b, whose scale is max(scale(a), scale(b)).
 *   trino_avg(x, s):    Trino's avg over a decimal(p,s) column.
 */
const MACROS = [
  'CREATE MACRO trino_div(a, b, s) AS round(((a * 1000000)::HUGEINT * 1000000 // (b * 1000000)::HUGEINT)::DECIMAL(38,0) * 0.000001, s)',
  'CREATE MACRO trino_avg(x, s) AS round(((sum(x) * 1000000)::HUGEINT // count(x))::DECIMAL(38,0) * 0.000001, s)',
];

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
  for (const m of MACROS) await db.rows(m);
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
