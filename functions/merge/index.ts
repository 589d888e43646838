/** Lambda: merge one group of partials, or (finalize: true) produce the query's result. */
import { mergeStep } from '../../src/runtime/lambda/mergeStep.ts';
import { squallHandler } from '../../src/runtime/lambda/squallHandler.ts';

export const handler = squallHandler(mergeStep);
