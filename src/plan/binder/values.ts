/**
 * `VALUES row, …` as a relation: every row must have the same number of columns, and each
 * column's type is the common super type of its rows (as Trino: `VALUES 1, 2.5` is
 * decimal(11,1), `VALUES 'a', 'bc'` varchar(2)), each cell coerced to it. Columns are named
 * `_col0`, `_col1`, … until an alias list renames them. A row of another width, or whose
 * types have no common super type with the rows before it, is an error (TYPE_MISMATCH).
 */
import { BindError } from '../../errors.ts';
import type { Values } from '../../sql/ast.ts';
import { commonSuperType, formatType, UNKNOWN, type SqlType } from '../../types/sqlType.ts';
import type { BoundExpr } from '../expr.ts';
import type { ValuesNode } from '../logical.ts';
import { coerce } from './calls.ts';
import { ExprBinder } from './exprBinder.ts';
import { Scope } from './scope.ts';

export function bindValues(values: Values): ValuesNode {
  // Cells see no columns: VALUES is not correlated (Trino allows that only under LATERAL).
  const binder = new ExprBinder(new Scope([]), { mode: 'forbid', message: 'VALUES cannot contain aggregations' });
  const rows = values.rows.map((r) => r.items.map((e) => binder.bind(e)));
  const width = rows[0]!.length;
  const rowType = (row: readonly BoundExpr[]): string => `row(${row.map((e) => formatType(e.type)).join(', ')})`;
  // Trino's message, at the VALUES keyword as Trino reports it.
  const mismatch = (k: number): BindError =>
    new BindError('TYPE_MISMATCH', `Values rows have mismatched types: ${rowType(rows[0]!)} vs ${rowType(rows[k]!)}`, values.span);
  const types: SqlType[] = new Array<SqlType>(width).fill(UNKNOWN);
  rows.forEach((row, k) => {
    if (row.length !== width) throw mismatch(k);
    row.forEach((e, i) => {
      const t = commonSuperType(types[i]!, e.type);
      if (t === null) throw mismatch(k);
      types[i] = t;
    });
  });
  return {
    kind: 'Values',
    rows: rows.map((row) => row.map((e, i) => coerce(e, types[i]!))),
    output: types.map((type, i) => ({ name: `_col${i}`, type })),
  };
}
