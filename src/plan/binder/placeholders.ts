/**
 * Placeholder columns: while a query specification is bound over its FROM scope, values that
 * only exist later in the plan are negative column indices, replaced once their columns exist.
 * Aggregate call k is -1 - k (columns of the Aggregate), window call k is WINDOW_BASE - k
 * (columns of the Window nodes), and an uncorrelated scalar subquery of an aggregating SELECT
 * or HAVING is SUBQUERY_BASE - k (joined after the Aggregate).
 */
export const WINDOW_BASE = -500_000;
export const SUBQUERY_BASE = -1_000_000;

export type PlaceholderKind = 'aggregate' | 'window' | 'subquery';

export function placeholderKind(index: number): PlaceholderKind | null {
  if (index >= 0) return null;
  if (index <= SUBQUERY_BASE) return 'subquery';
  return index <= WINDOW_BASE ? 'window' : 'aggregate';
}
