/**
 * Aggregation analysis. Expressions of an aggregating query are first bound over the FROM scope
 * with each aggregate call replaced by a placeholder column (placeholders.ts); they are then
 * rewritten over the Aggregate node's output: group-key subtrees become key columns,
 * placeholders become aggregate columns, and any other input column is an error.
 */
import { getAggregateFunction } from '../../builtins/registry.ts';
import { isResolved, type AggregateSignature } from '../../builtins/types.ts';
import { BindError } from '../../errors.ts';
import type { FunctionCall } from '../../sql/ast.ts';
import { formatType } from '../../types/sqlType.ts';
import { column, exprKey, mapChildren, type BoundExpr, type ColumnExpr } from '../expr.ts';
import { coerce } from './calls.ts';
import type { ExprBinder } from './exprBinder.ts';
import { placeholderKind, SUBQUERY_BASE } from './placeholders.ts';

export interface CollectedAggregate {
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  readonly filter: BoundExpr | null;
  readonly signature: AggregateSignature;
}

export class AggregateCollector {
  readonly calls: CollectedAggregate[] = [];
  private readonly byKey = new Map<string, number>();

  collect(call: FunctionCall, binder: ExprBinder): BoundExpr {
    const name = call.name.parts.map((p) => p.value.toLowerCase()).join('.');
    // Trino reports a nested aggregate at the outer call, with its own code.
    const inner = binder.forbidding(`Cannot nest aggregations inside aggregation '${name}'`, { code: 'NESTED_AGGREGATION', at: call.span });
    if (call.star && (call.distinct || name !== 'count')) {
      throw new BindError('TYPE_MISMATCH', `${name}(${call.distinct ? 'DISTINCT ' : ''}*) is not allowed`, call.span);
    }
    const args = call.args.map((a) => inner.bind(a));
    const filter =
      call.filter === null ? null : inner.bindBoolean(call.filter, 'FILTER clause must evaluate to a boolean');
    const def = getAggregateFunction(name)!;
    const signature = def.resolve(
      args.map((a) => a.type),
      call.distinct,
    );
    if (!isResolved(signature)) {
      throw new BindError(
        'TYPE_MISMATCH',
        `Unexpected parameters (${args.map((a) => formatType(a.type)).join(', ')}) for function ${name}. Expected: ${def.signatures.join(', ')}`,
        call.span,
      );
    }
    const collected: CollectedAggregate = {
      name: def.name,
      args: args.map((a, i) => coerce(a, signature.argTypes[i]!)),
      distinct: call.distinct,
      filter,
      signature,
    };
    const key = `${collected.name}|${collected.distinct}|${collected.args.map(exprKey).join(',')}|${collected.filter ? exprKey(collected.filter) : ''}`;
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.calls.length;
      this.calls.push(collected);
      this.byKey.set(key, index);
    }
    return { kind: 'column', index: -1 - index, type: signature.returnType, name: `${name}(…)` };
  }
}


/**
 * Rewrite an expression bound over the FROM scope (with aggregate placeholders) onto the
 * Aggregate output: keys first (indices 0..keys-1), then aggregates, then joined subqueries.
 */
export function rewriteOverAggregate(e: BoundExpr, keys: readonly BoundExpr[], aggregateWidth: number): BoundExpr {
  const keyIndex = new Map(keys.map((k, i) => [exprKey(k), i]));
  const walk = (x: BoundExpr): BoundExpr => {
    const k = keyIndex.get(exprKey(x));
    if (k !== undefined) return column(k, x.type, x.kind === 'column' ? x.name : undefined);
    if (x.kind === 'column') {
      switch (placeholderKind(x.index)) {
        case 'subquery':
          return column(aggregateWidth + (SUBQUERY_BASE - x.index), x.type);
        case 'aggregate':
          return column(keys.length + (-1 - x.index), x.type);
        case 'window':
          return x; // its arguments are rewritten when the windows are planned
        case null:
          throw notAggregate(x);
      }
    }
    return mapChildren(x, walk);
  };
  return walk(e);
}

function notAggregate(c: ColumnExpr): BindError {
  return new BindError(
    'EXPRESSION_NOT_AGGREGATE',
    `'${c.name ?? `column ${c.index}`}' must be an aggregate expression or appear in GROUP BY clause`,
    c.span,
  );
}

/** Whether an expression (bound with placeholders) contains an aggregate call. */
export function containsAggregate(e: BoundExpr): boolean {
  if (e.kind === 'column') return placeholderKind(e.index) === 'aggregate';
  let found = false;
  mapChildren(e, (c) => {
    if (!found && containsAggregate(c)) found = true;
    return c;
  });
  return found;
}
