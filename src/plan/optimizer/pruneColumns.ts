/**
 * Column pruning, top-down: every node keeps only the output columns someone above needs, and
 * the TableScan reads only those (plus the columns its pushed filter reads). This is what makes
 * a scan fetch 7 of lineitem's 16 column chunks for TPC-H Q1.
 *
 * A shared subplan (a WITH query named more than once) is computed once for all its references,
 * so it keeps the union of the columns they need: a first walk collects each reference's needs,
 * the second prunes every copy with that union, which keeps the copies identical.
 */
import { InternalError } from '../../errors.ts';
import { column, mapColumns, referencedColumns, type BoundExpr, type ColumnExpr } from '../expr.ts';
import { joinOutput } from '../joins.ts';
import { inputsOf, type LogicalPlan } from '../logical.ts';
import { mapWindowFunctionColumns, windowFunctionColumns } from '../windowColumns.ts';
import type { Rule } from './optimizer.ts';

interface Pruned {
  readonly plan: LogicalPlan;
  /** Old output index → new output index (-1: dropped). */
  readonly mapping: readonly number[];
}

interface PruneState {
  changed: boolean;
  /** Shared subplan id → the output columns some reference needs. */
  readonly sharedNeeds: Map<number, Set<number>>;
  /** The first walk: only collect sharedNeeds. */
  readonly collecting: boolean;
  /** Joins and scans output only what their parent reads (see narrowOutputs). */
  readonly narrow: boolean;
}

export const pruneColumns: Rule = {
  name: 'pruneColumns',
  rewrite(plan) {
    return pruneAll(plan, false);
  },
};

/**
 * Once the plan is final: a join's output holds both sides' keys and a scan's the columns only
 * its filter reads; where the parent is not a Project (a join's build side, an exchange) a
 * Project keeps just what is read, so exchanges and hash tables carry no dead columns (Q3's
 * orders ⋈ customer build side loses its keys and c_mktsegment). Not a fixed-point rule: a
 * Project between inner joins would hide them from join ordering.
 */
export function narrowOutputs(plan: LogicalPlan): LogicalPlan {
  return pruneAll(plan, true).plan;
}

function pruneAll(plan: LogicalPlan, narrow: boolean): { plan: LogicalPlan; changed: boolean } {
  const all = new Set(plan.output.map((_c, i) => i));
  const sharedNeeds = new Map<number, Set<number>>();
  if (hasShared(plan)) prune(plan, all, { changed: false, sharedNeeds, collecting: true, narrow: false });
  const state: PruneState = { changed: false, sharedNeeds, collecting: false, narrow };
  const out = prune(plan, all, state);
  if (out.mapping.some((m, i) => m !== i)) throw new InternalError('pruneColumns dropped a root output column');
  return { plan: out.plan, changed: state.changed };
}

function prune(node: LogicalPlan, required: ReadonlySet<number>, state: PruneState, underProject = false): Pruned {
  const out = pruneNode(node, required, state);
  if (!state.narrow || underProject || (node.kind !== 'Join' && node.kind !== 'TableScan')) return out;
  const keep = [...new Set([...required].map((i) => out.mapping[i]!))].sort((a, b) => a - b);
  if (keep.length === out.plan.output.length) return out;
  const position = new Map(keep.map((m, j) => [m, j]));
  return {
    plan: { kind: 'Project', input: out.plan, exprs: keep.map((i) => column(i, out.plan.output[i]!.type)), output: keep.map((i) => out.plan.output[i]!) },
    mapping: out.mapping.map((m) => position.get(m) ?? -1),
  };
}

function pruneNode(node: LogicalPlan, required: ReadonlySet<number>, state: PruneState): Pruned {
  switch (node.kind) {
    case 'RemoteSource':
      return identity(node);
    case 'Shared': {
      if (state.collecting) {
        const needs = state.sharedNeeds.get(node.id) ?? new Set<number>();
        for (const i of required) needs.add(i);
        state.sharedNeeds.set(node.id, needs);
        // Shared subplans inside this one: what this one keeps is not known yet, so all of it.
        prune(node.input, new Set(node.output.map((_c, i) => i)), state);
        return identity(node);
      }
      const child = prune(node.input, state.sharedNeeds.get(node.id) ?? required, state);
      return { plan: { ...node, input: child.plan, output: child.plan.output }, mapping: child.mapping };
    }
    case 'EnforceSingleRow': {
      const child = prune(node.input, required, state);
      return { plan: { ...node, input: child.plan, output: child.plan.output }, mapping: child.mapping };
    }
    case 'Union': {
      // Every input keeps the same columns, so prune by position.
      const keep = sortedKeep(node.output.length, required);
      if (keep.length === node.output.length) {
        const inputs = node.inputs.map((i) => prune(i, new Set(i.output.map((_c, k) => k)), state).plan);
        return { plan: { ...node, inputs }, mapping: node.output.map((_c, i) => i) };
      }
      state.changed = true;
      const inputs = node.inputs.map((input): LogicalPlan => ({
        kind: 'Project',
        input,
        exprs: keep.map((i) => column(i, input.output[i]!.type)),
        output: keep.map((i) => input.output[i]!),
      }));
      return { plan: { ...node, inputs, output: keep.map((i) => node.output[i]!) }, mapping: mappingFor(node.output.length, keep) };
    }
    case 'Join': {
      const width = node.left.output.length;
      // semi/anti output only the left side's columns, mark those and its mark.
      const leftOnly = node.type === 'semi' || node.type === 'anti' || node.type === 'mark';
      const leftNeeded = new Set<number>();
      const rightNeeded = new Set<number>();
      for (const i of required) {
        if (i < width) leftNeeded.add(i);
        else if (!leftOnly) rightNeeded.add(i - width);
      }
      for (const k of node.leftKeys) referencedColumns(k, leftNeeded);
      for (const k of node.rightKeys) referencedColumns(k, rightNeeded);
      if (node.residual !== null) {
        for (const i of referencedColumns(node.residual)) {
          if (i < width) leftNeeded.add(i);
          else rightNeeded.add(i - width);
        }
      }
      const left = prune(node.left, leftNeeded, state);
      const right = prune(node.right, rightNeeded, state);
      const leftWidth = left.plan.output.length;
      const combined = [...left.mapping, ...right.mapping.map((m) => (m < 0 ? -1 : m + leftWidth))];
      const plan: LogicalPlan = {
        ...node,
        left: left.plan,
        right: right.plan,
        leftKeys: node.leftKeys.map((k) => remap(k, left.mapping)),
        rightKeys: node.rightKeys.map((k) => remap(k, right.mapping)),
        residual: node.residual === null ? null : remap(node.residual, combined),
        output: joinOutput(node.type, left.plan, right.plan),
      };
      const mapping = node.type === 'mark' ? [...left.mapping, leftWidth] : leftOnly ? left.mapping : combined;
      return { plan, mapping };
    }
    case 'Values': {
      const keep = sortedKeep(node.output.length, required);
      if (keep.length === node.output.length) return identity(node);
      state.changed = true;
      return {
        plan: { ...node, rows: node.rows.map((r) => keep.map((i) => r[i]!)), output: keep.map((i) => node.output[i]!) },
        mapping: mappingFor(node.output.length, keep),
      };
    }
    case 'TableScan': {
      const needed = new Set(required);
      if (node.filter) referencedColumns(node.filter, needed);
      const keep = sortedKeep(node.columns.length, needed);
      if (keep.length === node.columns.length) return identity(node);
      state.changed = true;
      const mapping = mappingFor(node.columns.length, keep);
      return {
        plan: {
          ...node,
          columns: keep.map((i) => node.columns[i]!),
          output: keep.map((i) => node.output[i]!),
          filter: node.filter === null ? null : remap(node.filter, mapping),
        },
        mapping,
      };
    }
    case 'Filter': {
      const needed = new Set(required);
      referencedColumns(node.predicate, needed);
      const child = prune(node.input, needed, state);
      return {
        plan: { ...node, input: child.plan, predicate: remap(node.predicate, child.mapping), output: child.plan.output },
        mapping: child.mapping,
      };
    }
    case 'Project': {
      const keep = sortedKeep(node.exprs.length, required);
      if (keep.length < node.exprs.length) state.changed = true;
      const exprs = keep.map((i) => node.exprs[i]!);
      const needed = new Set<number>();
      for (const e of exprs) referencedColumns(e, needed);
      const child = prune(node.input, needed, state, true);
      return {
        plan: { ...node, input: child.plan, exprs: exprs.map((e) => remap(e, child.mapping)), output: keep.map((i) => node.output[i]!) },
        mapping: mappingFor(node.exprs.length, keep),
      };
    }
    case 'Aggregate': {
      if (node.step === 'final') return identity(node);
      const keyCount = node.groupBy.length;
      const keepAggs = node.aggregates.map((_a, j) => j).filter((j) => required.has(keyCount + j));
      if (keepAggs.length < node.aggregates.length) state.changed = true;
      const aggregates = keepAggs.map((j) => node.aggregates[j]!);
      const needed = new Set<number>();
      for (const k of node.groupBy) needed.add(k.index);
      for (const a of aggregates) {
        for (const x of a.args) needed.add(x.index);
        if (a.filter) needed.add(a.filter.index);
      }
      const child = prune(node.input, needed, state);
      const m = child.mapping;
      const keepOutputs = [...node.groupBy.map((_k, i) => i), ...keepAggs.map((j) => keyCount + j)];
      return {
        plan: {
          ...node,
          input: child.plan,
          groupBy: node.groupBy.map((k) => remapColumn(k, m)),
          aggregates: aggregates.map((a) => ({
            ...a,
            args: a.args.map((x) => remapColumn(x, m)),
            filter: a.filter === null ? null : remapColumn(a.filter, m),
          })),
          output: keepOutputs.map((i) => node.output[i]!),
        },
        mapping: mappingFor(node.output.length, keepOutputs),
      };
    }
    case 'Sort':
    case 'TopN': {
      const needed = new Set(required);
      for (const k of node.keys) needed.add(k.expr.index);
      const child = prune(node.input, needed, state);
      const keys = node.keys.map((k) => ({ ...k, expr: remapColumn(k.expr, child.mapping) }));
      return { plan: { ...node, input: child.plan, keys, output: child.plan.output }, mapping: child.mapping };
    }
    case 'Window': {
      const width = node.input.output.length;
      const keepFns = node.functions.map((_f, j) => j).filter((j) => required.has(width + j));
      if (keepFns.length < node.functions.length) state.changed = true;
      const needed = new Set<number>();
      for (const i of required) if (i < width) needed.add(i);
      if (keepFns.length === 0) {
        // Without functions a Window only reorders rows: it goes.
        const child = prune(node.input, needed, state);
        return { plan: child.plan, mapping: [...child.mapping, ...node.functions.map(() => -1)] };
      }
      const functions = keepFns.map((j) => node.functions[j]!);
      for (const k of node.partitionBy) needed.add(k.index);
      for (const k of node.orderBy) needed.add(k.expr.index);
      for (const f of functions) windowFunctionColumns(f, needed);
      const child = prune(node.input, needed, state);
      const m = child.mapping;
      const childWidth = child.plan.output.length;
      const mapping = [...m, ...node.functions.map((_f, j) => { const k = keepFns.indexOf(j); return k < 0 ? -1 : childWidth + k; })];
      return {
        plan: {
          ...node,
          input: child.plan,
          partitionBy: node.partitionBy.map((k) => remapColumn(k, m)),
          orderBy: node.orderBy.map((k) => ({ ...k, expr: remapColumn(k.expr, m) })),
          functions: functions.map((f) => mapWindowFunctionColumns(f, (c) => remapColumn(c, m))),
          output: [...child.plan.output, ...keepFns.map((j) => node.output[width + j]!)],
        },
        mapping,
      };
    }
    case 'Limit': {
      const child = prune(node.input, required, state);
      return { plan: { ...node, input: child.plan, output: child.plan.output }, mapping: child.mapping };
    }
    default: {
      const never: never = node;
      throw new Error(`unexpected plan node ${JSON.stringify(never)}`);
    }
  }
}

function hasShared(plan: LogicalPlan): boolean {
  return plan.kind === 'Shared' || inputsOf(plan).some(hasShared);
}

function identity(node: LogicalPlan): Pruned {
  return { plan: node, mapping: node.output.map((_c, i) => i) };
}

function sortedKeep(width: number, required: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < width; i++) if (required.has(i)) out.push(i);
  return out;
}

function mappingFor(width: number, keep: readonly number[]): number[] {
  const m = new Array<number>(width).fill(-1);
  keep.forEach((old, i) => {
    m[old] = i;
  });
  return m;
}

function remap(e: BoundExpr, mapping: readonly number[]): BoundExpr {
  return mapColumns(e, (c) => remapColumn(c, mapping));
}

function remapColumn(c: ColumnExpr, mapping: readonly number[]): ColumnExpr {
  const i = mapping[c.index];
  if (i === undefined || i < 0) throw new InternalError(`pruneColumns dropped column ${c.index} that is still referenced`);
  return { ...c, index: i };
}
