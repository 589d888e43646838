/** Table schemas for planner unit tests, without files. */
import { BindError } from '../../src/errors.ts';
import type { Metadata, TableSchema } from '../../src/plan/binder/metadata.ts';
import { bindQuery } from '../../src/plan/binder/queryBinder.ts';
import type { LogicalPlan, TableRef } from '../../src/plan/logical.ts';
import { parseStatement } from '../../src/sql/parser.ts';
import { BIGINT, BOOLEAN, DATE, decimal, DOUBLE, INTEGER, timestamp, VARCHAR } from '../../src/types/sqlType.ts';

export const TABLES: Record<string, TableSchema> = {
  'lake.tpch.lineitem': {
    ref: { catalog: 'lake', schema: 'tpch', table: 'lineitem' },
    columns: [
      { name: 'l_orderkey', type: BIGINT, partition: false },
      { name: 'l_linenumber', type: INTEGER, partition: false },
      { name: 'l_quantity', type: decimal(15, 2), partition: false },
      { name: 'l_extendedprice', type: decimal(15, 2), partition: false },
      { name: 'l_discount', type: decimal(15, 2), partition: false },
      { name: 'l_tax', type: decimal(15, 2), partition: false },
      { name: 'l_returnflag', type: VARCHAR, partition: false },
      { name: 'l_shipdate', type: DATE, partition: false },
      { name: 'l_comment', type: VARCHAR, partition: false },
    ],
  },
  'lake.extra.events': {
    ref: { catalog: 'lake', schema: 'extra', table: 'events' },
    columns: [
      { name: 'ts', type: timestamp(6), partition: false },
      { name: 'score', type: DOUBLE, partition: false },
      { name: 'ok', type: BOOLEAN, partition: false },
      { name: 'day', type: DATE, partition: true },
    ],
  },
};

export const metadata: Metadata = {
  defaultCatalog: 'lake',
  defaultSchema: 'tpch',
  table(ref: TableRef, span) {
    const t = TABLES[`${ref.catalog}.${ref.schema}.${ref.table}`];
    if (t === undefined) throw new BindError('TABLE_NOT_FOUND', `Table '${ref.catalog}.${ref.schema}.${ref.table}' does not exist`, span);
    return t;
  },
};

export function bindSql(sql: string): LogicalPlan {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'QueryStatement') throw new Error('expected a query');
  return bindQuery(stmt.query, metadata);
}
