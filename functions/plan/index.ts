/** Lambda: SQL → distributed plan in scratch; returns fragment ids and merge levels. */
import { planStep } from '../../src/runtime/lambda/planStep.ts';
import { squallHandler } from '../../src/runtime/lambda/squallHandler.ts';

export const handler = squallHandler(planStep);
