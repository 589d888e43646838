/**
 * WITH queries bound once: every reference to one gets the same shared subplan (same id, same
 * input), which the planner may then compute once. As in Trino, a WITH query's body sees the
 * names visible where its WITH clause stands and the queries defined before it in that clause,
 * never the names visible where it is referenced (a nested WITH may reuse a name), so one
 * binding serves every reference, and no WITH query can reach itself.
 */
import type { WithQuery } from '../../sql/ast.ts';
import type { LogicalPlan, SharedNode } from '../logical.ts';

export class SharedWithQueries {
  /** The names each WITH query's body sees. */
  private readonly scopes = new Map<WithQuery, ReadonlyMap<string, WithQuery>>();
  private readonly bound = new Map<WithQuery, SharedNode>();
  private next = 0;

  /** A WITH clause's queries, given the names visible around the clause. */
  define(queries: readonly WithQuery[], outer: ReadonlyMap<string, WithQuery>): void {
    let scope = outer;
    for (const q of queries) {
      this.scopes.set(q, scope);
      scope = new Map(scope).set(q.name.value, q);
    }
  }

  reference(query: WithQuery, bind: (scope: ReadonlyMap<string, WithQuery>) => LogicalPlan): SharedNode {
    let node = this.bound.get(query);
    if (node === undefined) {
      const input = bind(this.scopes.get(query) ?? new Map());
      node = { kind: 'Shared', id: this.next++, name: query.name.value, input, output: input.output };
      this.bound.set(query, node);
    }
    return node;
  }
}
