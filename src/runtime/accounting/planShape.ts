/**
 * The shape of a staged plan that its cost depends on (costEstimator.ts): per stage its tasks,
 * the lake bytes and GETs of its fragments, and what it reads from earlier stages, sized by the
 * planner's own row and byte estimates.
 */
import type { Fragment } from '../../catalog/fragments.ts';
import { estimate, type StatisticsSource } from '../../plan/estimate.ts';
import { inputsOf, type LogicalPlan, type RemoteSourceNode } from '../../plan/logical.ts';
import { withoutExchanges, type StagedPlan } from '../../plan/stages.ts';
import type { PlanShape, StageShape } from './costEstimator.ts';

export function planShape(staged: StagedPlan, fragments: readonly (readonly Fragment[])[], stats: StatisticsSource): PlanShape {
  const outputBytes = staged.stages.map((s) => estimate(withoutExchanges(s.root, staged.stages), stats).bytes);
  const reads = (root: LogicalPlan, tasks: number): Pick<StageShape, 'exchangeBytesIn' | 'exchangeGets'> => {
    let exchangeBytesIn = 0;
    let exchangeGets = 0;
    for (const r of remoteReads(root)) {
      const producers = staged.stages[r.stage]!.tasks;
      const bytes = outputBytes[r.stage]!;
      switch (r.read) {
        case 'all':
          exchangeBytesIn += tasks * bytes;
          exchangeGets += tasks * producers;
          break;
        case 'partition':
          exchangeBytesIn += bytes;
          exchangeGets += 2 * tasks * producers;
          break;
        case 'group':
          exchangeBytesIn += bytes;
          exchangeGets += producers;
          break;
        default: {
          const never: never = r.read;
          throw new Error(`unexpected read ${String(never)}`);
        }
      }
    }
    return { exchangeBytesIn, exchangeGets };
  };
  const stages = staged.stages.map((s): StageShape => {
    const frags = s.scan === null ? [] : (fragments[s.scan] ?? []);
    const files = frags.reduce((n, f) => n + f.files.length, 0);
    const rowGroups = frags.reduce((n, f) => n + f.files.reduce((m, file) => m + file.rowGroups.length, 0), 0);
    return {
      tasks: s.tasks,
      scanBytes: frags.reduce((n, f) => n + f.bytes, 0),
      scanGets: files + rowGroups,
      ...reads(s.root, s.tasks),
    };
  });
  return { stages, final: reads(staged.final, 1) };
}

function remoteReads(plan: LogicalPlan): RemoteSourceNode[] {
  return plan.kind === 'RemoteSource' ? [plan] : inputsOf(plan).flatMap(remoteReads);
}
