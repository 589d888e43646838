/**
 * Trino semantics DuckDB lacks, as macros the corpus's DuckDB spellings may call. Both give the
 * exact quotient rounded HALF_UP (ties away from zero) to scale `s`, as DECIMAL(38,s): the
 * operands become exact integers, the quotient is truncated at 6 decimals (which keeps every
 * tie visible for s ≤ 5), and DuckDB's decimal round() is itself exact half-up. Cast the
 * result to the Trino type. (DuckDB's own decimal division and avg go through DOUBLE.)
 *   trino_div(a, b, s): Trino's decimal division a / b, whose scale is max(scale(a), scale(b)).
 *   trino_avg(x, s):    Trino's avg over a decimal(p,s) column.
 * A module of its own, free of vitest, so that the benchmark (bench/corpus.mjs) runs the same
 * spellings with the same macros.
 */
export const TRINO_MACROS: readonly string[] = [
  'CREATE MACRO trino_div(a, b, s) AS round(((a * 1000000)::HUGEINT * 1000000 // (b * 1000000)::HUGEINT)::DECIMAL(38,0) * 0.000001, s)',
  'CREATE MACRO trino_avg(x, s) AS round(((sum(x) * 1000000)::HUGEINT // count(x))::DECIMAL(38,0) * 0.000001, s)',
];
