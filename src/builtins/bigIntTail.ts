/**
 * The bigint tail of an exact binary kernel (bigint and decimal arithmetic): once a row's result
 * leaves the double fast path, the rest of the batch is computed in bigints.
 */
import type { SqlType } from '../types/sqlType.ts';
import type { Selection, Vector } from '../types/vector.ts';
import { makeBigIntReader, makeNullTest } from './vectorRead.ts';
import { ResultWriter } from './vectorWrite.ts';

/**
 * Rows sel[0..start) come from `done` (the fast path's exact doubles); rows from sel[start] on are
 * `apply(x, y)` of the operands as bigints, which also checks range and division by zero.
 * `nulls` is the union of the operands' NULL masks.
 */
export function finishInBigInts(
  type: SqlType,
  args: readonly Vector[],
  sel: Selection,
  length: number,
  nulls: Uint8Array | null,
  start: number,
  done: Float64Array | null,
  apply: (x: bigint, y: bigint) => bigint,
): Vector {
  const w = new ResultWriter(type, length);
  if (done !== null) for (let k = 0; k < start; k++) w.setExactNumber(sel[k]!, done[sel[k]!]!);
  const ra = makeBigIntReader(args[0]!);
  const rb = makeBigIntReader(args[1]!);
  const na = makeNullTest(args[0]!);
  const nb = makeNullTest(args[1]!);
  for (let k = start; k < sel.length; k++) {
    const i = sel[k]!;
    if ((na !== null && na(i)) || (nb !== null && nb(i))) {
      w.setNull(i);
      continue;
    }
    w.setExact(i, apply(ra(i), rb(i)));
  }
  const v = w.finish();
  return nulls === null ? v : { ...v, nulls };
}
