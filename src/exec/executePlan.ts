/**
 * In-memory execution of a logical plan: the final fragment (over the merged StageInput) and
 * queries that read no table. Each operator consumes and produces one batch.
 */
import { InternalError } from '../errors.ts';
import type { LogicalPlan } from '../plan/logical.ts';
import { allRows, vectorFromValues, type Batch } from '../types/vector.ts';
import { compileExprs } from './evaluate.ts';
import { compileFilter } from './filter.ts';
import { HashAggregator } from './hashAggregate.ts';
import { sortBatch, sortedOrder, takeRows } from './sort.ts';

export function executePlan(plan: LogicalPlan, stageInput: Batch | null): Batch {
  switch (plan.kind) {
    case 'StageInput':
      if (stageInput === null) throw new InternalError('plan reads a stage input but none was given');
      return stageInput;
    case 'Values':
      return {
        columns: plan.output.map((c, i) => vectorFromValues(c.type, plan.rows.map((r) => r[i] ?? null))),
        length: plan.rows.length,
      };
    case 'TableScan':
      throw new InternalError('a TableScan cannot run in the final fragment');
    case 'Filter': {
      const input = executePlan(plan.input, stageInput);
      const sel = compileFilter(plan.predicate)(input, allRows(input.length));
      return sel.length === input.length ? input : takeRows(input, sel);
    }
    case 'Project': {
      const input = executePlan(plan.input, stageInput);
      const sel = allRows(input.length);
      return { columns: compileExprs(plan.exprs).map((e) => e(input, sel)), length: input.length };
    }
    case 'Aggregate': {
      const input = executePlan(plan.input, stageInput);
      const agg = new HashAggregator(
        plan.output.slice(0, plan.groupBy.length).map((c) => c.type),
        plan.aggregates,
      );
      if (plan.step === 'final') agg.addPartial(input, allRows(input.length));
      else agg.addInput(input, allRows(input.length), plan.groupBy.map((k) => k.index));
      return agg.finalOutput();
    }
    case 'Sort':
      return sortBatch(executePlan(plan.input, stageInput), plan.keys);
    case 'Limit': {
      const input = executePlan(plan.input, stageInput);
      const end = plan.count === null ? input.length : Math.min(input.length, plan.offset + plan.count);
      return sliceRows(input, plan.offset, end);
    }
    case 'TopN': {
      const input = executePlan(plan.input, stageInput);
      const order = sortedOrder(input, plan.keys);
      return takeRows(input, order.subarray(Math.min(plan.offset, order.length), Math.min(order.length, plan.offset + plan.count)));
    }
    default: {
      const never: never = plan;
      throw new InternalError(`unexpected plan node ${JSON.stringify(never)}`);
    }
  }
}

function sliceRows(batch: Batch, start: number, end: number): Batch {
  if (start === 0 && end >= batch.length) return batch;
  const rows = new Int32Array(Math.max(0, end - start));
  for (let i = 0; i < rows.length; i++) rows[i] = start + i;
  return takeRows(batch, rows);
}
