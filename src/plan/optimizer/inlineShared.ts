/**
 * Which WITH queries are computed once. The binder marks every reference of a WITH query as a
 * shared subplan; this rule turns the references back into plain subplans (so filters move into
 * each copy and each copy keeps only its own columns) unless the query is named at least twice
 * and joins or aggregates: rereading a table scan costs no more than reading a computed result
 * back from S3, while a join or aggregation computed twice costs its whole input twice.
 */
import { inputsOf, type LogicalPlan } from '../logical.ts';
import type { Rule } from './optimizer.ts';
import { transformUp } from './transform.ts';

export const inlineShared: Rule = {
  name: 'inlineShared',
  rewrite(plan) {
    const uses = new Map<number, number>();
    const count = (node: LogicalPlan): void => {
      if (node.kind === 'Shared') {
        const n = uses.get(node.id) ?? 0;
        uses.set(node.id, n + 1);
        // A WITH query named inside a shared one is computed within it once, however often that one is named.
        if (n > 0) return;
      }
      inputsOf(node).forEach(count);
    };
    count(plan);
    if (uses.size === 0) return { plan, changed: false };
    return transformUp(plan, (node) => (node.kind === 'Shared' && ((uses.get(node.id) ?? 0) < 2 || !worthSharing(node.input)) ? node.input : node));
  },
};

function worthSharing(plan: LogicalPlan): boolean {
  return plan.kind === 'Join' || plan.kind === 'Aggregate' || inputsOf(plan).some(worthSharing);
}
