/** The scan function's engine call: one task of any stage (scan fragments, joins, merges). */
import type { BilledRequests, TaskInput } from '../engine/messages.ts';
import { runTask } from '../engine/runTask.ts';

export interface TaskOutput {
  readonly stage: number;
  readonly task: number;
  readonly bytesScanned: number;
  readonly rowsScanned: number;
  /** This invocation's S3 requests (the running cost of the query). */
  readonly requests: BilledRequests;
}

export async function scanStep(input: TaskInput, memoryMb: number): Promise<TaskOutput> {
  const work = await runTask(input, memoryMb);
  const s3 = work.s3;
  return {
    stage: input.stage,
    task: input.task,
    bytesScanned: work.bytesScanned,
    rowsScanned: work.rowsScanned,
    requests: { s3Gets: s3.getRequests + s3.headRequests, s3PutsAndLists: s3.putRequests + s3.listRequests },
  };
}
