/** The scan function's engine call: one fragment to one partial. */
import type { ScanInput } from '../engine/messages.ts';
import { scanFragment } from '../engine/scanFragment.ts';

export async function scanStep(input: ScanInput, memoryMb: number): Promise<{ fragment: number; bytesScanned: number; rowsScanned: number }> {
  const work = await scanFragment(input, memoryMb);
  return { fragment: input.fragment, bytesScanned: work.bytesScanned, rowsScanned: work.rowsScanned };
}
