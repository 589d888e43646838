/**
 * The JSON of Trino's client REST protocol (v1), as Squall answers it: QueryResults pages,
 * their stats, columns with type signatures, and errors.
 */
import type { ClientValue } from '../../types/clientJson.ts';

export type QueryState = 'QUEUED' | 'RUNNING' | 'FINISHED' | 'FAILED';

export interface StatementStats {
  readonly state: QueryState;
  readonly queued: boolean;
  readonly scheduled: boolean;
  readonly nodes: number;
  readonly totalSplits: number;
  readonly queuedSplits: number;
  readonly runningSplits: number;
  readonly completedSplits: number;
  readonly cpuTimeMillis: number;
  readonly wallTimeMillis: number;
  readonly queuedTimeMillis: number;
  readonly elapsedTimeMillis: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly physicalInputBytes: number;
  readonly peakMemoryBytes: number;
  readonly spilledBytes: number;
  readonly progressPercentage: number;
  /**
   * Squall's own (Trino clients ignore fields they do not know): once the query has ended, what
   * it cost at AWS list prices, in US dollars, as its final stats' estimatedCostUsd.
   */
  readonly estimatedCostUsd?: number;
}

export type TypeArgument =
  | { readonly kind: 'LONG'; readonly value: number }
  | { readonly kind: 'TYPE'; readonly value: TypeSignature };

export interface TypeSignature {
  readonly rawType: string;
  readonly arguments: readonly TypeArgument[];
}

export interface ClientColumn {
  readonly name: string;
  readonly type: string;
  readonly typeSignature: TypeSignature;
}

export interface ErrorLocation {
  readonly lineNumber: number;
  readonly columnNumber: number;
}

export interface QueryError {
  readonly message: string;
  readonly errorCode: number;
  readonly errorName: string;
  readonly errorType: string;
  readonly errorLocation?: ErrorLocation;
  readonly failureInfo: {
    readonly type: string;
    readonly message: string;
    readonly suppressed: readonly string[];
    readonly stack: readonly string[];
    readonly errorLocation?: ErrorLocation;
  };
}

export interface QueryResults {
  readonly id: string;
  readonly infoUri: string;
  readonly nextUri?: string;
  readonly columns?: readonly ClientColumn[];
  readonly data?: readonly (readonly ClientValue[])[];
  readonly stats: StatementStats;
  readonly error?: QueryError;
  readonly warnings: readonly string[];
}
