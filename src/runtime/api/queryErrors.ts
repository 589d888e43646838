/** Failures as the Trino protocol reports them (`error` of a QueryResults page). */
import { SquallError } from '../../errors.ts';
import type { QueryError } from './protocol.ts';
import { TRINO_ERROR_CODES, USER_CANCELED } from './trinoErrors.ts';

export function queryError(err: unknown): QueryError {
  if (err instanceof SquallError) {
    const location = err.span ? { lineNumber: err.span.line, columnNumber: err.span.column } : undefined;
    return {
      message: err.message,
      errorCode: TRINO_ERROR_CODES[err.code],
      errorName: err.code,
      errorType: err.type,
      ...(location ? { errorLocation: location } : {}),
      failureInfo: { type: err.name, message: err.message, suppressed: [], stack: [], ...(location ? { errorLocation: location } : {}) },
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    message,
    errorCode: TRINO_ERROR_CODES.GENERIC_INTERNAL_ERROR,
    errorName: 'GENERIC_INTERNAL_ERROR',
    errorType: 'INTERNAL_ERROR',
    failureInfo: { type: err instanceof Error ? err.name : 'Error', message, suppressed: [], stack: [] },
  };
}

export function canceledError(): QueryError {
  const message = 'Query was canceled';
  return { message, ...USER_CANCELED, failureInfo: { type: 'SquallError', message, suppressed: [], stack: [] } };
}
