/**
 * The one wrapper every function uses: middy core, an early stop before the Lambda deadline
 * (so a slow invocation fails with a retryable error instead of being killed), and errors
 * turned into `Squall.<CODE>` with the error JSON as message, which the state machine's Retry
 * rules and the driver both understand.
 */
import middy from '@middy/core';
import { errorToJson, lambdaErrorType, SquallError } from '../../errors.ts';

/** The part of the Lambda context Squall uses (the local worker pool supplies the same). */
export interface InvocationContext {
  readonly functionName: string;
  readonly memoryLimitInMB: string | number;
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

export type StepCore<I, O> = (event: I, memoryMb: number, signal: AbortSignal) => Promise<O>;

/** Stop this long before the deadline: enough to report the error. */
const EARLY_STOP_MS = 1000;

export function squallHandler<I, O>(core: StepCore<I, O>): (event: I, context: InvocationContext) => Promise<O> {
  const wrapped = middy(
    async (event: I, context: InvocationContext, opts: { signal: AbortSignal }) =>
      core(event, Number(context.memoryLimitInMB), opts.signal),
    {
      timeoutEarlyInMillis: EARLY_STOP_MS,
      timeoutEarlyResponse: () => {
        throw new SquallError('EXCEEDED_TIME_LIMIT', 'Stopped before the Lambda deadline');
      },
    },
  ).use({
    onError: (request) => {
      const err = request.error;
      if (!(err instanceof SquallError) || err.type === 'INTERNAL_ERROR') {
        // Bugs keep their stack in the function's log; users only ever see the message.
        console.error(err);
      }
      const out = new Error(JSON.stringify(errorToJson(err)));
      out.name = lambdaErrorType(err);
      request.error = out;
    },
  });
  return wrapped as unknown as (event: I, context: InvocationContext) => Promise<O>;
}
