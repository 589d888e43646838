/**
 * Squall's error codes as the Trino client protocol reports them: Trino's numeric code for the
 * same name (StandardErrorCode), else the nearest generic one of the same kind.
 */
import type { ErrorCode, ErrorType } from '../../errors.ts';

/** Trino's connector range starts at 0x0100_0000; Squall's data errors live there. */
const SQUALL_CONNECTOR_BASE = 0x0100_0000;

export const TRINO_ERROR_CODES = {
  SYNTAX_ERROR: 1,
  CATALOG_NOT_FOUND: 44,
  SCHEMA_NOT_FOUND: 45,
  TABLE_NOT_FOUND: 46,
  COLUMN_NOT_FOUND: 47,
  AMBIGUOUS_NAME: 62,
  FUNCTION_NOT_FOUND: 6,
  TYPE_MISMATCH: 58,
  EXPRESSION_NOT_AGGREGATE: 73,
  NESTED_AGGREGATION: 67,
  INVALID_COLUMN_REFERENCE: 63,
  INVALID_LITERAL: 59,
  INVALID_FUNCTION_ARGUMENT: 7,
  INVALID_CAST_ARGUMENT: 9,
  DIVISION_BY_ZERO: 8,
  NUMERIC_VALUE_OUT_OF_RANGE: 19,
  NOT_SUPPORTED: 13,
  SUBQUERY_MULTIPLE_ROWS: 28,
  INVALID_CONFIG: 0,
  INVALID_ARGUMENTS: 76,
  INVALID_WINDOW_FRAME: 15,
  USER_CANCELED: 3,
  CORRUPT_FILE: SQUALL_CONNECTOR_BASE + 1,
  SCHEMA_MISMATCH: SQUALL_CONNECTOR_BASE + 2,
  STORAGE_ERROR: SQUALL_CONNECTOR_BASE + 3,
  EXCEEDED_MEMORY_LIMIT: 131079,
  EXCEEDED_TIME_LIMIT: 131075,
  EXCEEDED_PAYLOAD_LIMIT: 131072,
  // Trino has no cost limit: its generic INSUFFICIENT_RESOURCES code.
  EXCEEDED_COST_LIMIT: 131072,
  GENERIC_INTERNAL_ERROR: 65536,
} as const satisfies Record<ErrorCode, number>;

/** A query canceled before the engine saw it (the engine raises the same code). */
export const USER_CANCELED = { errorCode: TRINO_ERROR_CODES.USER_CANCELED, errorName: 'USER_CANCELED', errorType: 'USER_ERROR' } as const;

export type TrinoErrorType = ErrorType;
