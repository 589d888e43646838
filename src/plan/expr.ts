/**
 * Bound expressions: names resolved to input column positions, types known, implicit coercions
 * made explicit as casts, operators and functions resolved to builtin names. Plain data, so a
 * plan serializes to JSON for the scan workers.
 */
import type { Span } from '../errors.ts';
import { BOOLEAN, formatType, type SqlType } from '../types/sqlType.ts';
import type { Value } from '../types/value.ts';

export type BoundExpr =
  | ColumnExpr
  | LiteralExpr
  | CallExpr
  | CastExpr
  | AndExpr
  | OrExpr
  | NotExpr
  | IsNullExpr
  | CaseExpr
  | CoalesceExpr
  | InExpr;

/** Column `index` of the operator's input. */
export interface ColumnExpr {
  readonly kind: 'column';
  readonly index: number;
  readonly type: SqlType;
  /** For messages and EXPLAIN. */
  readonly name?: string;
  readonly span?: Span;
}

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: Value;
  readonly type: SqlType;
}

/** A scalar builtin (functions and operators such as `$add`), with coerced argument types. */
export interface CallExpr {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly type: SqlType;
}

export interface CastExpr {
  readonly kind: 'cast';
  readonly operand: BoundExpr;
  readonly type: SqlType;
  /** TRY_CAST: a failed conversion gives NULL. */
  readonly safe: boolean;
}

/** Three-valued AND over two or more terms; later terms are only evaluated where needed. */
export interface AndExpr {
  readonly kind: 'and';
  readonly args: readonly BoundExpr[];
  readonly type: SqlType;
}

export interface OrExpr {
  readonly kind: 'or';
  readonly args: readonly BoundExpr[];
  readonly type: SqlType;
}

export interface NotExpr {
  readonly kind: 'not';
  readonly operand: BoundExpr;
  readonly type: SqlType;
}

export interface IsNullExpr {
  readonly kind: 'isNull';
  readonly operand: BoundExpr;
  readonly type: SqlType;
}

/** Searched CASE; a branch is evaluated only on rows that reach it. */
export interface CaseExpr {
  readonly kind: 'case';
  readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
  readonly else: BoundExpr;
  readonly type: SqlType;
}

export interface CoalesceExpr {
  readonly kind: 'coalesce';
  readonly args: readonly BoundExpr[];
  readonly type: SqlType;
}

/** `operand IN (list)`: true if equal to an item; NULL if not found and anything was NULL. */
export interface InExpr {
  readonly kind: 'in';
  readonly operand: BoundExpr;
  readonly list: readonly BoundExpr[];
  readonly type: SqlType;
}

export function column(index: number, type: SqlType, name?: string): ColumnExpr {
  return name === undefined ? { kind: 'column', index, type } : { kind: 'column', index, type, name };
}

export function literal(value: Value, type: SqlType): LiteralExpr {
  return { kind: 'literal', value, type };
}

export function and(args: readonly BoundExpr[]): BoundExpr {
  const flat: BoundExpr[] = [];
  for (const a of args) {
    if (a.kind === 'and') flat.push(...a.args);
    else flat.push(a);
  }
  return flat.length === 1 ? flat[0]! : { kind: 'and', args: flat, type: BOOLEAN };
}

export function not(operand: BoundExpr): BoundExpr {
  return { kind: 'not', operand, type: BOOLEAN };
}

/** The direct children of an expression. */
export function children(e: BoundExpr): readonly BoundExpr[] {
  switch (e.kind) {
    case 'column':
    case 'literal':
      return [];
    case 'call':
    case 'and':
    case 'or':
    case 'coalesce':
      return e.args;
    case 'cast':
    case 'not':
    case 'isNull':
      return [e.operand];
    case 'case':
      return [...e.whens.flatMap((w) => [w.when, w.then]), e.else];
    case 'in':
      return [e.operand, ...e.list];
    default:
      return assertNeverExpr(e);
  }
}

/** Rebuild `e` with children mapped by `f` (bottom-up rewrites are built from this). */
export function mapChildren(e: BoundExpr, f: (child: BoundExpr) => BoundExpr): BoundExpr {
  switch (e.kind) {
    case 'column':
    case 'literal':
      return e;
    case 'call':
      return { ...e, args: e.args.map(f) };
    case 'and':
      return { ...e, args: e.args.map(f) };
    case 'or':
      return { ...e, args: e.args.map(f) };
    case 'coalesce':
      return { ...e, args: e.args.map(f) };
    case 'cast':
      return { ...e, operand: f(e.operand) };
    case 'not':
      return { ...e, operand: f(e.operand) };
    case 'isNull':
      return { ...e, operand: f(e.operand) };
    case 'case':
      return { ...e, whens: e.whens.map((w) => ({ when: f(w.when), then: f(w.then) })), else: f(e.else) };
    case 'in':
      return { ...e, operand: f(e.operand), list: e.list.map(f) };
    default:
      return assertNeverExpr(e);
  }
}

/** Replace every column reference (e.g. to re-target an expression onto another input). */
export function mapColumns(e: BoundExpr, f: (c: ColumnExpr) => BoundExpr): BoundExpr {
  if (e.kind === 'column') return f(e);
  return mapChildren(e, (c) => mapColumns(c, f));
}

/** Input column indices an expression reads. */
export function referencedColumns(e: BoundExpr, into: Set<number> = new Set()): Set<number> {
  if (e.kind === 'column') into.add(e.index);
  else for (const c of children(e)) referencedColumns(c, into);
  return into;
}

/** The conjuncts of a predicate (`a AND b AND c` → [a, b, c]). */
export function conjuncts(e: BoundExpr): BoundExpr[] {
  return e.kind === 'and' ? e.args.flatMap(conjuncts) : [e];
}

/** A canonical string for structural identity, ignoring spans and display names. */
export function exprKey(e: BoundExpr): string {
  switch (e.kind) {
    case 'column':
      return `#${e.index}`;
    case 'literal':
      return `lit(${formatType(e.type)}:${valueKey(e.value)})`;
    case 'call':
      return `${e.name}:${formatType(e.type)}(${e.args.map(exprKey).join(',')})`;
    case 'cast':
      return `${e.safe ? 'try_cast' : 'cast'}(${exprKey(e.operand)} as ${formatType(e.type)})`;
    default:
      return `${e.kind}:${formatType(e.type)}(${children(e).map(exprKey).join(',')})`;
  }
}

function valueKey(v: Value): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Array.from(x) : x));
}

export function assertNeverExpr(e: never): never {
  throw new Error(`unexpected expression: ${JSON.stringify(e)}`);
}
