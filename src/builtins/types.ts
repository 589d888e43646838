/**
 * The contract between the planner, the executor and the function library.
 *
 * The binder resolves a call by name and argument types (`resolve`), inserts casts to the
 * returned argument types, and records the call as plain data (name, argument types, return
 * type). The executor later asks the same definition for a kernel with those exact types.
 */
import type { SqlType } from '../types/sqlType.ts';
import type { Selection, Vector } from '../types/vector.ts';

export interface ResolvedSignature {
  /** The types the arguments must be coerced to (the binder inserts the casts). */
  readonly argTypes: readonly SqlType[];
  readonly returnType: SqlType;
}

/**
 * A vectorized scalar function. Reads rows `sel` of each argument (arguments are aligned with the
 * batch: length `length`), and returns a vector of `length` rows defined at the rows of `sel`.
 * Unless the definition says otherwise, a NULL argument gives a NULL result.
 * Errors on data (division by zero, overflow, invalid argument) throw ExecError.
 */
export type ScalarKernel = (args: readonly Vector[], sel: Selection, length: number) => Vector;

export interface ScalarFunctionDef {
  /** Lower-case name as called in SQL; operators use `$add`, `$subtract`, `$eq`, … (see operators.ts). */
  readonly name: string;
  /** For "did you mean" and documentation: e.g. `substr(varchar, bigint[, bigint]) → varchar`. */
  readonly signatures: readonly string[];
  /** false for functions like random(): never constant-folded. */
  readonly deterministic: boolean;
  /**
   * The signature for these argument types after implicit coercion, or a message saying why no
   * overload applies (the binder reports it as TYPE_MISMATCH / FUNCTION_NOT_FOUND).
   */
  resolve(argTypes: readonly SqlType[]): ResolvedSignature | { readonly error: string };
  kernel(sig: ResolvedSignature): ScalarKernel;
}

export interface AggregateSignature extends ResolvedSignature {
  /** Types of the partial state columns, serialized between scan, merge and finalize. */
  readonly stateTypes: readonly SqlType[];
}

/**
 * Per-group accumulation for one aggregate call. Groups are dense ids 0..n-1 assigned by the
 * executor's hash table; `groupIds[i]` is the group of batch row i (defined at the rows of sel).
 *
 * Partial aggregation (scan): update* then states().
 * Intermediate merge: merge* then states().
 * Final: merge* (or update* for single-step aggregation) then finish().
 */
export interface GroupedAccumulator {
  /** Make room for groups up to `groupCount - 1` (new groups start empty). */
  ensureGroups(groupCount: number): void;
  /** Fold rows `sel` of the argument vectors into their groups. */
  update(groupIds: Int32Array, args: readonly Vector[], sel: Selection): void;
  /**
   * Fold rows `sel`, all of one group, into that group. Optional: an executor that has already
   * partitioned a batch by group (few groups, many rows) calls it so the accumulator can keep
   * its running value in a local variable.
   */
  updateGroup?(group: number, args: readonly Vector[], sel: Selection): void;
  /** Fold partial states (one vector per state type, rows aligned with groupIds) into groups. */
  merge(groupIds: Int32Array, states: readonly Vector[], sel: Selection): void;
  /** Partial states of groups 0..groupCount-1, one vector per state type. */
  states(groupCount: number): Vector[];
  /** Final values of groups 0..groupCount-1. */
  finish(groupCount: number): Vector;
}

export interface AggregateFunctionDef {
  readonly name: string;
  readonly signatures: readonly string[];
  /** `argTypes` empty for count(*). */
  resolve(argTypes: readonly SqlType[], distinct: boolean): AggregateSignature | { readonly error: string };
  accumulator(sig: AggregateSignature, distinct: boolean): GroupedAccumulator;
}

export function isResolved<T extends object>(r: T | { readonly error: string }): r is T {
  return !('error' in r);
}
