/**
 * Collapse `Project(Project(x))` into one Project (inlining an inner expression only when it is
 * trivial or used once, so no work is duplicated), and drop Projects that change nothing.
 */
import { mapColumns, referencedColumns, type BoundExpr } from '../expr.ts';
import type { Rule } from './optimizer.ts';
import { transformUp } from './transform.ts';

export const mergeProjects: Rule = {
  name: 'mergeProjects',
  rewrite(plan) {
    return transformUp(plan, (node) => {
      if (node.kind !== 'Project') return node;
      const input = node.input;
      if (isIdentity(node.exprs, input.output.length) && node.output.every((c, i) => c.name === input.output[i]!.name)) return input;
      if (input.kind !== 'Project') return node;
      const uses = new Map<number, number>();
      for (const e of node.exprs) for (const i of referencedColumnsCounted(e)) uses.set(i, (uses.get(i) ?? 0) + 1);
      const inlinable = [...uses].every(([i, n]) => n <= 1 || isTrivial(input.exprs[i]!));
      if (!inlinable) return node;
      return { ...node, input: input.input, exprs: node.exprs.map((e) => mapColumns(e, (c) => input.exprs[c.index]!)) };
    });
  },
};

function isIdentity(exprs: readonly BoundExpr[], inputWidth: number): boolean {
  return exprs.length === inputWidth && exprs.every((e, i) => e.kind === 'column' && e.index === i);
}

function isTrivial(e: BoundExpr): boolean {
  return e.kind === 'column' || e.kind === 'literal';
}

/** Column references with multiplicity (a column used twice appears twice). */
function referencedColumnsCounted(e: BoundExpr): number[] {
  if (e.kind === 'column') return [e.index];
  const out: number[] = [];
  mapColumns(e, (c) => {
    out.push(c.index);
    return c;
  });
  return out.length > 0 ? out : [...referencedColumns(e)];
}
