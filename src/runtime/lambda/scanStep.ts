/** The scan function's engine call: one task of any stage (scan fragments, joins, merges). */
import type { TaskInput } from '../engine/messages.ts';
import { runTask } from '../engine/runTask.ts';

export async function scanStep(input: TaskInput, memoryMb: number): Promise<{ stage: number; task: number; bytesScanned: number; rowsScanned: number }> {
  const work = await runTask(input, memoryMb);
  return { stage: input.stage, task: input.task, bytesScanned: work.bytesScanned, rowsScanned: work.rowsScanned };
}
