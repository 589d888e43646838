/**
 * The expressions a Project computes below an operator that only reads columns (Aggregate,
 * Window): each distinct expression gets one column, asked for by `slot`.
 */
import { column, exprKey, type BoundExpr, type ColumnExpr } from '../expr.ts';

export class ColumnSlots {
  readonly exprs: BoundExpr[];

  constructor(initial: readonly BoundExpr[] = []) {
    this.exprs = [...initial];
  }

  slot(e: BoundExpr): ColumnExpr {
    const k = exprKey(e);
    let i = this.exprs.findIndex((x) => exprKey(x) === k);
    if (i < 0) {
      i = this.exprs.length;
      this.exprs.push(e);
    }
    return column(i, e.type);
  }
}
