/**
 * ORDER BY expressions may be composed of output columns (Trino: `SELECT price AS p … ORDER BY
 * -p`): a bare name that matches a select-list alias means that output, ahead of any input
 * column of the same name. The binder handles a bare alias itself; inside a larger expression
 * the alias is replaced by the select item's own expression before binding, which computes the
 * same value. Aggregate arguments keep meaning input columns.
 */
import { isAggregateFunction } from '../../builtins/registry.ts';
import { BindError } from '../../errors.ts';
import type { Expr } from '../../sql/ast.ts';

export interface OutputAlias {
  /** Lower-cased output name. */
  readonly name: string;
  /** The select item's expression. */
  readonly expr: Expr;
}

export function substituteOutputAliases(e: Expr, aliases: readonly OutputAlias[]): Expr {
  if (aliases.length === 0) return e;
  const walk = (x: Expr): Expr => {
    switch (x.kind) {
      case 'ColumnRef': {
        if (x.parts.length !== 1) return x;
        const name = x.parts[0]!.value.toLowerCase();
        const matches = aliases.filter((a) => a.name === name);
        if (matches.length === 0) return x;
        if (new Set(matches.map((m) => withoutSpans(m.expr))).size > 1) throw new BindError('AMBIGUOUS_NAME', `'${name}' in ORDER BY is ambiguous`, x.span);
        return matches[0]!.expr;
      }
      case 'Literal':
      case 'SubqueryExpr':
      case 'Exists':
      case 'InSubquery':
        return x;
      case 'Unary':
      case 'Not':
      case 'IsNull':
      case 'Extract':
      case 'Cast':
        return { ...x, operand: walk(x.operand) };
      case 'Binary':
      case 'Comparison':
      case 'IsDistinctFrom':
        return { ...x, left: walk(x.left), right: walk(x.right) };
      case 'Logical':
        return { ...x, terms: x.terms.map(walk) };
      case 'Between':
        return { ...x, value: walk(x.value), low: walk(x.low), high: walk(x.high) };
      case 'InList':
        return { ...x, value: walk(x.value), list: x.list.map(walk) };
      case 'Like':
        return { ...x, value: walk(x.value), pattern: walk(x.pattern), escape: x.escape === null ? null : walk(x.escape) };
      case 'Case':
        return {
          ...x,
          operand: x.operand === null ? null : walk(x.operand),
          whens: x.whens.map((w) => ({ ...w, when: walk(w.when), then: walk(w.then) })),
          else: x.else === null ? null : walk(x.else),
        };
      case 'FunctionCall':
        if (isAggregateFunction(x.name.parts.map((p) => p.value).join('.'))) return x;
        return { ...x, args: x.args.map(walk) };
      default: {
        const never: never = x;
        throw new Error(`unexpected expression ${JSON.stringify(never)}`);
      }
    }
  };
  return walk(e);
}

/** An expression's text, positions aside: `SELECT a, a` names one output twice, not two. */
function withoutSpans(e: Expr): string {
  return JSON.stringify(e, (key, value: unknown) => (key === 'span' ? undefined : value));
}
