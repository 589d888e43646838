/**
 * Questions about AST expressions answered before binding: whether a query specification
 * aggregates (window calls do not make it aggregate), and which WHERE conjuncts are EXISTS / IN
 * subqueries (planned as semi and anti joins).
 */
import type { Expr, Query, QuerySpecification } from '../../sql/ast.ts';
import { isAggregateFunction as isAggregateName } from '../../builtins/registry.ts';

export function hasAggregate(spec: QuerySpecification, q: Query): boolean {
  const exprs: Expr[] = [];
  for (const s of spec.select) if (s.kind === 'SingleColumn') exprs.push(s.expr);
  if (spec.having) exprs.push(spec.having);
  for (const o of q.orderBy) exprs.push(o.expr);
  return exprs.some(containsAggregateCall);
}

function containsAggregateCall(e: Expr): boolean {
  return findInExpr(e, (x) => x.kind === 'FunctionCall' && x.window === null && isAggregateName(x.name.parts.map((p) => p.value.toLowerCase()).join('.')));
}


/** Depth-first search of an AST expression (not entering subqueries). */
function findInExpr(e: Expr, pred: (x: Expr) => boolean): boolean {
  if (pred(e)) return true;
  const kids: Expr[] = [];
  switch (e.kind) {
    case 'Unary':
    case 'Not':
    case 'IsNull':
    case 'Extract':
      kids.push(e.operand);
      break;
    case 'Binary':
    case 'Comparison':
    case 'IsDistinctFrom':
      kids.push(e.left, e.right);
      break;
    case 'Logical':
      kids.push(...e.terms);
      break;
    case 'Between':
      kids.push(e.value, e.low, e.high);
      break;
    case 'InList':
      kids.push(e.value, ...e.list);
      break;
    case 'InSubquery':
      kids.push(e.value);
      break;
    case 'Like':
      kids.push(e.value, e.pattern, ...(e.escape ? [e.escape] : []));
      break;
    case 'Case':
      if (e.operand) kids.push(e.operand);
      for (const w of e.whens) kids.push(w.when, w.then);
      if (e.else) kids.push(e.else);
      break;
    case 'Cast':
      kids.push(e.operand);
      break;
    case 'FunctionCall':
      kids.push(...e.args, ...(e.filter ? [e.filter] : []));
      if (e.window !== null) {
        kids.push(...e.window.partitionBy, ...e.window.orderBy.map((o) => o.expr));
        for (const b of e.window.frame === null ? [] : [e.window.frame.start, e.window.frame.end]) if (b !== null && 'offset' in b) kids.push(b.offset);
      }
      break;
    case 'ColumnRef':
    case 'Literal':
    case 'SubqueryExpr':
    case 'Exists':
      break;
    default: {
      const never: never = e;
      throw new Error(`unexpected expression ${JSON.stringify(never)}`);
    }
  }
  return kids.some((k) => findInExpr(k, pred));
}

export interface SemiJoinTerm {
  readonly expr: Extract<Expr, { kind: 'Exists' | 'InSubquery' }>;
  /** NOT EXISTS / NOT IN */
  readonly negated: boolean;
}

export function semiJoinTerm(e: Expr): SemiJoinTerm | null {
  let negated = false;
  let x = e;
  while (x.kind === 'Not') {
    negated = !negated;
    x = x.operand;
  }
  if (x.kind === 'Exists') return { expr: x, negated };
  if (x.kind === 'InSubquery') return { expr: x, negated: negated !== x.not };
  return null;
}

export function astConjuncts(e: Expr): Expr[] {
  return e.kind === 'Logical' && e.op === 'AND' ? e.terms.flatMap(astConjuncts) : [e];
}

