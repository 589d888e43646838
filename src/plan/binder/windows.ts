/**
 * Window function analysis. Calls with OVER are bound over the query's scope (with aggregate
 * placeholders when the query aggregates) and replaced by placeholder columns (placeholders.ts);
 * after the aggregation, `planWindows` computes their inputs in a Project, adds one Window node
 * per distinct (PARTITION BY, ORDER BY), and says which column holds each call's value.
 */
import { getAggregateFunction, isAggregateFunction } from '../../builtins/registry.ts';
import { isResolved } from '../../builtins/types.ts';
import { BindError, type Span } from '../../errors.ts';
import type { FrameBound, FunctionCall, NamedWindow, WindowFrame as AstFrame, WindowSpec } from '../../sql/ast.ts';
import { BIGINT, commonSuperType, DOUBLE, formatType, isIntegral, isInterval, isNumeric, isTemporal, type SqlType } from '../../types/sqlType.ts';
import { column, mapColumns, type BoundExpr, type ColumnExpr } from '../expr.ts';
import type { LogicalPlan, OutputColumn, SortKey, WindowFrame, WindowFrameBound, WindowFunction } from '../logical.ts';
import { coerce, resolveScalarCall } from './calls.ts';
import { ColumnSlots } from './columnSlots.ts';
import type { ExprBinder } from './exprBinder.ts';
import { placeholderKind, WINDOW_BASE } from './placeholders.ts';


const RANKING = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile']);
const VALUE = new Set(['lag', 'lead', 'first_value', 'last_value', 'nth_value']);

export function isWindowOnlyFunction(name: string): boolean {
  return RANKING.has(name) || VALUE.has(name);
}

type BoundBound = { kind: 'unboundedPreceding' | 'currentRow' | 'unboundedFollowing' } | { kind: 'preceding' | 'following'; offset: BoundExpr; range: { key: BoundExpr; value: BoundExpr } | null };

interface CollectedWindow {
  readonly name: string;
  readonly args: BoundExpr[];
  readonly partitionBy: BoundExpr[];
  readonly orderBy: { expr: BoundExpr; ascending: boolean; nullsFirst: boolean }[];
  readonly frame: { unit: WindowFrame['unit']; start: BoundBound; end: BoundBound };
  readonly ignoreNulls: boolean;
  readonly aggregate: { argTypes: readonly SqlType[]; stateTypes: readonly SqlType[]; filter: BoundExpr | null } | null;
  readonly type: SqlType;
}

export class WindowCollector {
  readonly calls: CollectedWindow[] = [];
  private readonly named: ReadonlyMap<string, NamedWindow>;

  constructor(named: readonly NamedWindow[]) {
    const map = new Map<string, NamedWindow>();
    for (const w of named) {
      const key = w.name.value.toLowerCase();
      if (map.has(key)) throw new BindError('AMBIGUOUS_NAME', `WINDOW '${w.name.value}' is already defined`, w.span);
      map.set(key, w);
    }
    this.named = map;
  }

  /** `binder` binds the call's arguments and window; it forbids window calls inside them. */
  collect(call: FunctionCall, binder: ExprBinder): BoundExpr {
    const name = call.name.parts.map((p) => p.value.toLowerCase()).join('.');
    const spec = this.resolveSpec(call.window!);
    const partitionBy = spec.partitionBy.map((e) => binder.bind(e));
    const orderBy = spec.orderBy.map((item) => ({ expr: binder.bind(item.expr), ascending: item.ascending, nullsFirst: item.nullsFirst ?? false }));
    const args = call.args.map((a) => binder.bind(a));
    const ignoreNulls = call.nullTreatment === 'IGNORE';
    if (call.nullTreatment !== null && !VALUE.has(name)) {
      throw new BindError('NOT_SUPPORTED', `Cannot specify null treatment clause for ${name} function`, call.span);
    }
    const frame = this.frame(spec.frame, orderBy, binder);
    let typed: { args: BoundExpr[]; type: SqlType; aggregate: CollectedWindow['aggregate'] };
    if (RANKING.has(name)) typed = rankingCall(name, args, call);
    else if (VALUE.has(name)) typed = valueCall(name, args, call);
    else if (isAggregateFunction(name)) {
      if (call.distinct) throw new BindError('NOT_SUPPORTED', 'DISTINCT in window function parameters not yet supported', call.span);
      if (call.star && name !== 'count') throw new BindError('TYPE_MISMATCH', `${name}(*) is not allowed`, call.span);
      const def = getAggregateFunction(name)!;
      const signature = def.resolve(args.map((a) => a.type), false);
      if (!isResolved(signature)) throw new BindError('TYPE_MISMATCH', signature.error, call.span);
      const filter = call.filter === null ? null : binder.bindBoolean(call.filter, 'FILTER clause must evaluate to a boolean');
      typed = {
        args: args.map((a, i) => coerce(a, signature.argTypes[i]!)),
        type: signature.returnType,
        aggregate: { argTypes: signature.argTypes, stateTypes: signature.stateTypes, filter },
      };
    } else throw new BindError('FUNCTION_NOT_FOUND', `Not a window function: ${name}`, call.span);
    if (call.filter !== null && typed.aggregate === null) throw new BindError('NOT_SUPPORTED', `FILTER is only supported for aggregate window functions`, call.span);
    this.calls.push({ name, args: typed.args, partitionBy, orderBy, frame, ignoreNulls, aggregate: typed.aggregate, type: typed.type });
    return { kind: 'column', index: WINDOW_BASE - (this.calls.length - 1), type: typed.type, name: `${name}(…)` };
  }

  /** OVER w / OVER (w ORDER BY …): a named window, refined as Trino allows. */
  private resolveSpec(spec: WindowSpec, seen: ReadonlySet<string> = new Set()): WindowSpec {
    if (spec.existingName === null) return spec;
    const key = spec.existingName.value.toLowerCase();
    const named = this.named.get(key);
    if (named === undefined || seen.has(key)) throw new BindError('INVALID_WINDOW_FRAME', `Cannot resolve WINDOW name ${spec.existingName.value}`, spec.existingName.span);
    const base = this.resolveSpec(named.spec, new Set([...seen, key]));
    if (spec.partitionBy.length > 0) throw new BindError('INVALID_WINDOW_FRAME', `WINDOW specification with named WINDOW reference cannot specify PARTITION BY`, spec.span);
    if (spec.orderBy.length > 0 && base.orderBy.length > 0) throw new BindError('INVALID_WINDOW_FRAME', `Cannot specify ORDER BY if referenced named WINDOW specifies ORDER BY`, spec.span);
    if (base.frame !== null) throw new BindError('INVALID_WINDOW_FRAME', `Cannot reference named WINDOW containing frame specification`, spec.span);
    return { ...spec, existingName: null, partitionBy: base.partitionBy, orderBy: spec.orderBy.length > 0 ? spec.orderBy : base.orderBy, frame: spec.frame };
  }

  private frame(ast: AstFrame | null, orderBy: CollectedWindow['orderBy'], binder: ExprBinder): CollectedWindow['frame'] {
    // Without a frame: RANGE UNBOUNDED PRECEDING to CURRENT ROW (every row's peers; all rows without ORDER BY).
    if (ast === null) return { unit: 'range', start: { kind: 'unboundedPreceding' }, end: { kind: 'currentRow' } };
    const unit = ast.unit === 'ROWS' ? 'rows' : ast.unit === 'RANGE' ? 'range' : 'groups';
    if (unit === 'groups' && orderBy.length === 0) throw new BindError('INVALID_WINDOW_FRAME', 'Window frame of type GROUPS PRECEDING or FOLLOWING requires ORDER BY', ast.span);
    const bound = (b: FrameBound): BoundBound => {
      switch (b.kind) {
        case 'UnboundedPreceding':
          return { kind: 'unboundedPreceding' };
        case 'UnboundedFollowing':
          return { kind: 'unboundedFollowing' };
        case 'CurrentRow':
          return { kind: 'currentRow' };
        default: {
          const kind = b.kind === 'Preceding' ? 'preceding' : 'following';
          const offset = binder.bind(b.offset);
          if (unit !== 'range') {
            if (!isIntegral(offset.type) && offset.type.kind !== 'unknown') {
              throw new BindError('TYPE_MISMATCH', `Window frame ${ast.unit} offset must be an integer (actual: ${formatType(offset.type)})`, b.span);
            }
            return { kind, offset: coerce(offset, BIGINT), range: null };
          }
          return { kind, offset, range: rangeBound(kind, offset, orderBy, b.span) };
        }
      }
    };
    return { unit, start: bound(ast.start), end: ast.end === null ? { kind: 'currentRow' } : bound(ast.end) };
  }
}

/** key ∓ offset in the key's direction, and the key in the same type, for the operator to compare. */
function rangeBound(kind: 'preceding' | 'following', offset: BoundExpr, orderBy: CollectedWindow['orderBy'], span: Span): { key: BoundExpr; value: BoundExpr } {
  if (orderBy.length !== 1) {
    throw new BindError('INVALID_WINDOW_FRAME', `Window frame of type RANGE PRECEDING or FOLLOWING requires single sort item in ORDER BY (actual: ${orderBy.length})`, span);
  }
  const key = orderBy[0]!;
  const numeric = isNumeric(key.expr.type) && isNumeric(offset.type);
  const temporal = isTemporal(key.expr.type) && isInterval(offset.type);
  if (!numeric && !temporal) {
    throw new BindError('TYPE_MISMATCH', `Window frame RANGE value type (${formatType(offset.type)}) not compatible with sort item type (${formatType(key.expr.type)})`, span);
  }
  const add = (kind === 'following') === key.ascending;
  const value = resolveScalarCall(add ? '$add' : '$subtract', [key.expr, offset], span);
  const common = commonSuperType(key.expr.type, value.type);
  if (common === null) throw new BindError('TYPE_MISMATCH', `Window frame RANGE bound type ${formatType(value.type)} is not comparable with ${formatType(key.expr.type)}`, span);
  return { key: coerce(key.expr, common), value: coerce(value, common) };
}

function rankingCall(name: string, args: BoundExpr[], call: FunctionCall): { args: BoundExpr[]; type: SqlType; aggregate: null } {
  if (name === 'ntile') {
    if (args.length !== 1 || !isIntegral(args[0]!.type)) throw mismatch(name, args, 'ntile(bigint)', call);
    return { args: [coerce(args[0]!, BIGINT)], type: BIGINT, aggregate: null };
  }
  if (args.length !== 0 || call.star) throw mismatch(name, args, `${name}()`, call);
  return { args: [], type: name === 'percent_rank' || name === 'cume_dist' ? DOUBLE : BIGINT, aggregate: null };
}

function valueCall(name: string, args: BoundExpr[], call: FunctionCall): { args: BoundExpr[]; type: SqlType; aggregate: null } {
  const integral = (e: BoundExpr | undefined): boolean => e === undefined || isIntegral(e.type) || e.type.kind === 'unknown';
  if (name === 'lag' || name === 'lead') {
    const expected = `${name}(T [, bigint [, T]])`;
    if (args.length < 1 || args.length > 3 || !integral(args[1])) throw mismatch(name, args, expected, call);
    let type = args[0]!.type;
    if (args.length === 3) {
      const common = commonSuperType(type, args[2]!.type);
      if (common === null) throw mismatch(name, args, expected, call);
      type = common;
    }
    const out = [coerce(args[0]!, type)];
    if (args.length > 1) out.push(coerce(args[1]!, BIGINT));
    if (args.length > 2) out.push(coerce(args[2]!, type));
    return { args: out, type, aggregate: null };
  }
  if (name === 'nth_value') {
    if (args.length !== 2 || !integral(args[1])) throw mismatch(name, args, 'nth_value(T, bigint)', call);
    return { args: [args[0]!, coerce(args[1]!, BIGINT)], type: args[0]!.type, aggregate: null };
  }
  if (args.length !== 1) throw mismatch(name, args, `${name}(T)`, call);
  return { args, type: args[0]!.type, aggregate: null };
}

function mismatch(name: string, args: readonly BoundExpr[], expected: string, call: FunctionCall): BindError {
  return new BindError('TYPE_MISMATCH', `Unexpected parameters (${args.map((a) => formatType(a.type)).join(', ')}) for function ${name}. Expected: ${expected}`, call.span);
}

/**
 * The window calls planned over `plan` (whose columns the calls' expressions reference once
 * `rewrite` maps them there): the new plan keeps `plan`'s columns first, and `columnOf[k]` is
 * where call k's value is.
 */
export function planWindows(plan: LogicalPlan, calls: readonly CollectedWindow[], rewrite: (e: BoundExpr) => BoundExpr): { plan: LogicalPlan; columnOf: number[] } {
  const width = plan.output.length;
  const slots = new ColumnSlots(plan.output.map((c, i) => column(i, c.type, c.name)));
  const slot = (raw: BoundExpr): ColumnExpr => slots.slot(rewrite(raw));
  const exprs = slots.exprs;
  const slotBound = (b: BoundBound): WindowFrameBound => {
    if (b.kind !== 'preceding' && b.kind !== 'following') return { kind: b.kind };
    return { kind: b.kind, offset: slot(b.offset), range: b.range === null ? null : { key: slot(b.range.key), value: slot(b.range.value) } };
  };
  const planned = calls.map((c) => ({
    partitionBy: c.partitionBy.map(slot),
    orderBy: c.orderBy.map((o): SortKey => ({ expr: slot(o.expr), ascending: o.ascending, nullsFirst: o.nullsFirst })),
    fn: {
      name: c.name,
      args: c.args.map(slot),
      frame: { unit: c.frame.unit, start: slotBound(c.frame.start), end: slotBound(c.frame.end) },
      ignoreNulls: c.ignoreNulls,
      aggregate: c.aggregate === null ? null : { ...c.aggregate, filter: c.aggregate.filter === null ? null : slot(c.aggregate.filter) },
      type: c.type,
    } satisfies WindowFunction,
  }));
  let current: LogicalPlan = {
    kind: 'Project',
    input: plan,
    exprs,
    output: exprs.map((e, i): OutputColumn => (i < width ? plan.output[i]! : { name: `$window_input${i - width}`, type: e.type })),
  };
  // One Window node per distinct specification, in order of first use.
  const columnOf = new Array<number>(calls.length).fill(-1);
  const specKey = (p: (typeof planned)[number]): string =>
    JSON.stringify([p.partitionBy.map((k) => k.index), p.orderBy.map((k) => [k.expr.index, k.ascending, k.nullsFirst])]);
  const done = new Set<string>();
  for (const p of planned) {
    const key = specKey(p);
    if (done.has(key)) continue;
    done.add(key);
    const members = planned.flatMap((q, k) => (specKey(q) === key ? [k] : []));
    const base = current.output.length;
    members.forEach((k, j) => (columnOf[k] = base + j));
    current = {
      kind: 'Window',
      input: current,
      partitionBy: p.partitionBy,
      orderBy: p.orderBy,
      functions: members.map((k) => planned[k]!.fn),
      output: [...current.output, ...members.map((k) => ({ name: `$window${k}`, type: calls[k]!.type }))],
    };
  }
  return { plan: current, columnOf };
}

/** Window placeholders replaced by the columns `planWindows` put the values in. */
export function substituteWindows(e: BoundExpr, columnOf: readonly number[]): BoundExpr {
  return mapColumns(e, (c) => (placeholderKind(c.index) === 'window' ? column(columnOf[WINDOW_BASE - c.index]!, c.type) : c));
}
