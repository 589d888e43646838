/**
 * A failed Step Functions execution (local or AWS) as the Squall error behind it. Apart from the
 * local interpreter so that the AWS paths load without it.
 */
import { errorFromJson, SquallError, type ErrorJson } from '../errors.ts';

/** The Squall error behind an execution's error and cause (local or AWS). */
export function errorFromExecution(error: string, cause: string): SquallError {
  let message = cause;
  try {
    const payload = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof payload.errorMessage === 'string') message = payload.errorMessage;
  } catch {
    // A cause that is not JSON is the message itself.
  }
  if (error.startsWith('Squall.')) {
    try {
      return errorFromJson(JSON.parse(message) as ErrorJson);
    } catch {
      return new SquallError('GENERIC_INTERNAL_ERROR', message);
    }
  }
  if (error === 'Sandbox.Timedout' || error === 'States.Timeout') {
    return new SquallError('EXCEEDED_TIME_LIMIT', `A step kept timing out after its retries: ${message}`);
  }
  return new SquallError('GENERIC_INTERNAL_ERROR', `Execution failed: ${error}: ${message}`);
}

/** What a canceled query fails with, however it was stopped (caller, DELETE, cost meter's abort). */
export function queryCanceled(): SquallError {
  return new SquallError('USER_CANCELED', 'Query was canceled');
}
