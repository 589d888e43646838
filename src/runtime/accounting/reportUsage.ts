/** A finished execution's usage: recorded attempts locally, the handlers' own figures on AWS. */
import type { ExecutionReport } from '../executor.ts';
import { emptyUsage, expressGbSeconds, usageFromInvocations, type Usage } from './usage.ts';

export function reportUsage(report: ExecutionReport): Usage {
  const final = report.final;
  let usage: Usage;
  if (report.invocations !== null) {
    // Local: every attempt is known, failed ones included.
    usage = usageFromInvocations(report.invocations);
  } else {
    // AWS: what the handlers reported with their partials (successful attempts only, so a lower
    // bound). The scan function runs every stage's tasks; the merge function the final fragment.
    usage = emptyUsage();
    const s = final.stages;
    const add = (fn: string, invocations: number, durationMs: number, gbSeconds: number): void => {
      const f = (usage.byFunction[fn] ??= { requests: 0, gbSeconds: 0, durationMs: 0 });
      f.requests += invocations;
      f.durationMs += durationMs;
      f.gbSeconds += gbSeconds;
    };
    add('plan', s.plan.invocations, s.plan.durationMs, s.plan.gbSeconds);
    add('scan', s.scan.invocations + s.merge.invocations, s.scan.durationMs + s.merge.durationMs, s.scan.gbSeconds + s.merge.gbSeconds);
    add('merge', s.finalize.invocations, s.finalize.durationMs, s.finalize.gbSeconds);
    // Each Map child lasts about as long as its task: a stage's mean task duration per child.
    for (const stage of s.byStage) {
      if (stage.invocations > 0) usage.expressGbSeconds += stage.invocations * expressGbSeconds(stage.durationMs / stage.invocations);
    }
  }
  const s3 = final.work.s3;
  usage.s3Gets = s3.getRequests + s3.headRequests;
  usage.s3PutsAndLists = s3.putRequests + s3.listRequests;
  usage.standardTransitions = report.standardTransitions;
  usage.expressRequests = report.mapIterations;
  usage.bytesScanned = final.work.bytesScanned;
  return usage;
}
