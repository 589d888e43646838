/**
 * WITH queries bound once per scope they are named from: every reference to one gets the same
 * shared subplan (same id, same input), which the planner may then compute once.
 */
import type { WithQuery } from '../../sql/ast.ts';
import type { LogicalPlan, SharedNode } from '../logical.ts';

export class SharedWithQueries {
  /**
   * Per WITH query, its bindings by the map of WITH names visible where it was named: the same
   * name can mean another query in a nested WITH, and the body is bound with what is visible.
   */
  private readonly bound = new Map<WithQuery, Map<ReadonlyMap<string, WithQuery>, SharedNode>>();
  private next = 0;

  reference(query: WithQuery, visible: ReadonlyMap<string, WithQuery>, bind: () => LogicalPlan): SharedNode {
    let byScope = this.bound.get(query);
    if (byScope === undefined) this.bound.set(query, (byScope = new Map()));
    let node = byScope.get(visible);
    if (node === undefined) {
      const input = bind();
      node = { kind: 'Shared', id: this.next++, name: query.name.value, input, output: input.output };
      byScope.set(visible, node);
    }
    return node;
  }
}
