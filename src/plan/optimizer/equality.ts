/** `a = b` as the binder would bind it (both sides already of one type). */
import { BOOLEAN } from '../../types/sqlType.ts';
import type { BoundExpr } from '../expr.ts';

export function resolveEquality(a: BoundExpr, b: BoundExpr): BoundExpr {
  return { kind: 'call', name: '$eq', args: [a, b], type: BOOLEAN };
}
