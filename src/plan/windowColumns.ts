/** The input columns a window function reads, and rewriting them (column pruning, staging). */
import type { ColumnExpr } from './expr.ts';
import type { WindowFrameBound, WindowFunction } from './logical.ts';

export function mapWindowFunctionColumns(f: WindowFunction, map: (c: ColumnExpr) => ColumnExpr): WindowFunction {
  const bound = (b: WindowFrameBound): WindowFrameBound =>
    b.kind === 'preceding' || b.kind === 'following'
      ? { ...b, offset: map(b.offset), range: b.range === null ? null : { key: map(b.range.key), value: map(b.range.value) } }
      : b;
  return {
    ...f,
    args: f.args.map(map),
    frame: { ...f.frame, start: bound(f.frame.start), end: bound(f.frame.end) },
    aggregate: f.aggregate === null ? null : { ...f.aggregate, filter: f.aggregate.filter === null ? null : map(f.aggregate.filter) },
  };
}

export function windowFunctionColumns(f: WindowFunction, into: Set<number>): void {
  mapWindowFunctionColumns(f, (c) => {
    into.add(c.index);
    return c;
  });
}
