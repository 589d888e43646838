/** ORDER BY keys, ordinals and the OFFSET / LIMIT of a query, as plan nodes. */
import { BindError } from '../../errors.ts';
import type { Expr, Query, SortItem } from '../../sql/ast.ts';
import type { ColumnExpr } from '../expr.ts';
import type { LogicalPlan, SortKey } from '../logical.ts';

/** A literal integer in GROUP BY / ORDER BY is a 1-based position in the select list. */
export function ordinalOf(e: Expr, count: number, clause: string): number | null {
  if (e.kind !== 'Literal' || e.literal !== 'integer') return null;
  const n = Number(e.text);
  if (n < 1 || n > count) throw new BindError('INVALID_COLUMN_REFERENCE', `${clause} position ${e.text} is not in select list`, e.span);
  return n - 1;
}

export function sortKey(expr: ColumnExpr, item: SortItem): SortKey {
  // Trino sorts NULLs last by default, whatever the direction.
  return { expr, ascending: item.ascending, nullsFirst: item.nullsFirst ?? false };
}

export function limitAndSort(input: LogicalPlan, keys: readonly SortKey[], q: Query): LogicalPlan {
  let plan = input;
  if (keys.length > 0) plan = { kind: 'Sort', input: plan, keys, output: plan.output };
  const offset = q.offset === null ? 0 : countValue(q.offset, 'OFFSET');
  const count = q.limit === null ? null : countValue(q.limit, 'LIMIT');
  if (offset > 0 || count !== null) plan = { kind: 'Limit', input: plan, offset, count, output: plan.output };
  return plan;
}

function countValue(e: Expr, clause: string): number {
  if (e.kind !== 'Literal' || e.literal !== 'integer') throw new BindError('TYPE_MISMATCH', `${clause} must be an integer constant`, e.span);
  const n = BigInt(e.text);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new BindError('NUMERIC_VALUE_OUT_OF_RANGE', `${clause} value is too large: ${e.text}`, e.span);
  return Number(n);
}

