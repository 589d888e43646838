/**
 * Errors: one class per phase, each with a stable code from the catalogue below (Trino's names
 * where Trino has one), a type (who must act), and for SQL a line:column span.
 *
 * Anything a user can cause carries a USER_ERROR code; InternalError means a bug in Squall.
 */

export type ErrorType = 'USER_ERROR' | 'INTERNAL_ERROR' | 'INSUFFICIENT_RESOURCES' | 'EXTERNAL';

export const ERROR_CODES = {
  // user errors: the query or its inputs are wrong
  SYNTAX_ERROR: 'USER_ERROR',
  CATALOG_NOT_FOUND: 'USER_ERROR',
  SCHEMA_NOT_FOUND: 'USER_ERROR',
  TABLE_NOT_FOUND: 'USER_ERROR',
  COLUMN_NOT_FOUND: 'USER_ERROR',
  AMBIGUOUS_NAME: 'USER_ERROR',
  FUNCTION_NOT_FOUND: 'USER_ERROR',
  TYPE_MISMATCH: 'USER_ERROR',
  EXPRESSION_NOT_AGGREGATE: 'USER_ERROR',
  NESTED_AGGREGATION: 'USER_ERROR',
  INVALID_COLUMN_REFERENCE: 'USER_ERROR',
  INVALID_LITERAL: 'USER_ERROR',
  INVALID_FUNCTION_ARGUMENT: 'USER_ERROR',
  INVALID_CAST_ARGUMENT: 'USER_ERROR',
  DIVISION_BY_ZERO: 'USER_ERROR',
  NUMERIC_VALUE_OUT_OF_RANGE: 'USER_ERROR',
  NOT_SUPPORTED: 'USER_ERROR',
  SUBQUERY_MULTIPLE_ROWS: 'USER_ERROR',
  INVALID_CONFIG: 'USER_ERROR',
  INVALID_ARGUMENTS: 'USER_ERROR',
  INVALID_WINDOW_FRAME: 'USER_ERROR',
  /** The query was canceled (DELETE, or its caller's AbortSignal). */
  USER_CANCELED: 'USER_ERROR',
  // data errors: the lake holds something the query cannot read
  CORRUPT_FILE: 'EXTERNAL',
  SCHEMA_MISMATCH: 'EXTERNAL',
  STORAGE_ERROR: 'EXTERNAL',
  // resources
  EXCEEDED_MEMORY_LIMIT: 'INSUFFICIENT_RESOURCES',
  EXCEEDED_TIME_LIMIT: 'INSUFFICIENT_RESOURCES',
  EXCEEDED_PAYLOAD_LIMIT: 'INSUFFICIENT_RESOURCES',
  /** The query's estimated or running cost passed a per-query cap or a daily budget (config `accounting`). */
  EXCEEDED_COST_LIMIT: 'INSUFFICIENT_RESOURCES',
  // bugs
  GENERIC_INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const satisfies Record<string, ErrorType>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface Span {
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

export interface ErrorJson {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export class SquallError extends Error {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly span: Span | undefined;

  constructor(code: ErrorCode, message: string, span?: Span, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.type = ERROR_CODES[code];
    this.span = span;
  }

  /** The message with Trino's `line L:C: ` prefix when the error has a position. */
  describe(): string {
    return this.span ? `line ${this.span.line}:${this.span.column}: ${this.message}` : this.message;
  }

  toJSON(): ErrorJson {
    return {
      code: this.code,
      type: this.type,
      message: this.message,
      ...(this.span ? { line: this.span.line, column: this.span.column } : {}),
    };
  }
}

/** Malformed SQL text. */
export class ParseError extends SquallError {
  constructor(message: string, span: Span) {
    super('SYNTAX_ERROR', message, span);
  }
}

/** Names, types and semantics of a well-formed query. */
export class BindError extends SquallError {}

/** A query that binds but cannot be planned (limits, unsupported shapes). */
export class PlanError extends SquallError {}

/** Evaluation failures on data: division by zero, bad casts, overflow. */
export class ExecError extends SquallError {}

/** Objects in the lake: missing, unreadable, corrupt, disagreeing schemas. */
export class DataError extends SquallError {}

/** Configuration files and command-line arguments. */
export class ConfigError extends SquallError {}

/** A bug in Squall. */
export class InternalError extends SquallError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('GENERIC_INTERNAL_ERROR', message, undefined, options);
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * The Lambda `errorType` for an error: `Squall.<CODE>` for ours, so the state machine retries
 * only infrastructure failures and the driver can rebuild the original error from the cause.
 */
export function lambdaErrorType(err: unknown): string {
  return err instanceof SquallError ? `Squall.${err.code}` : 'Squall.GENERIC_INTERNAL_ERROR';
}

/** The JSON a failed invocation reports as its message, rebuilt by `errorFromJson`. */
export function errorToJson(err: unknown): ErrorJson {
  if (err instanceof SquallError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'GENERIC_INTERNAL_ERROR', type: 'INTERNAL_ERROR', message };
}

export function errorFromJson(json: ErrorJson): SquallError {
  const code = isErrorCode(json.code) ? json.code : 'GENERIC_INTERNAL_ERROR';
  const span = json.line !== undefined && json.column !== undefined ? { line: json.line, column: json.column } : undefined;
  return new SquallError(code, json.message, span);
}
