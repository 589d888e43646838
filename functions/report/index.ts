/** Lambda: a scheduled report (EventBridge rule → run through the state machine → ReportRunsTable). */
import { reportFunction } from '../../src/runtime/lambda/reportFunction.ts';

export const handler = reportFunction();
