/** Lambda: one scan fragment → one partial in scratch. */
import { scanStep } from '../../src/runtime/lambda/scanStep.ts';
import { squallHandler } from '../../src/runtime/lambda/squallHandler.ts';

export const handler = squallHandler(scanStep);
