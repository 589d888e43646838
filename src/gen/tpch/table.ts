/**
 * What each table module provides: its Arrow schema and a way to generate any range of it.
 */
import type * as arrow from 'apache-arrow';
import type { TpchTable } from './scale.ts';

export interface TableGenerator {
  readonly name: TpchTable;
  readonly schema: arrow.Schema;
  /** Columns to write without Parquet dictionary encoding (high-cardinality ones). */
  readonly plainColumns: readonly string[];
  /**
   * How many units the table is generated in: rows, except for lineitem, whose unit is the order
   * (an order's lines are generated together because they share its date and key).
   */
  units(sf: number): number;
  /** Average rows per unit, for sizing files. */
  readonly rowsPerUnit: number;
  /**
   * The rows of units [start, end) as batches of exactly `maxRows` rows (the last may be
   * shorter). Values depend only on the scale factor and the row, never on the range.
   */
  batches(sf: number, start: number, end: number, maxRows: number): Iterable<arrow.RecordBatch>;
}

/** A table whose unit is the row: `rows(sf, start, end)` builds one batch of rows [start, end). */
export function rowTable(
  name: TpchTable,
  schema: arrow.Schema,
  plainColumns: readonly string[],
  units: (sf: number) => number,
  rows: (sf: number, start: number, end: number) => arrow.RecordBatch,
): TableGenerator {
  return {
    name,
    schema,
    plainColumns,
    units,
    rowsPerUnit: 1,
    *batches(sf, start, end, maxRows) {
      for (let at = start; at < end; at += maxRows) yield rows(sf, at, Math.min(end, at + maxRows));
    },
  };
}
