/**
 * The SQL view of a Parquet schema: one column per top-level field, typed the way Trino's Hive
 * connector reads files written by DuckDB, Spark and arrow-rs.
 *
 * Only flat primitive columns are readable. Nested and repeated fields are still listed (so a
 * table's column list matches the file) but carry an `unsupported` reason; a query fails with
 * NOT_SUPPORTED only if it references one.
 */
import type { ConvertedType, LogicalType, ParquetType, SchemaElement, TimeUnit } from 'hyparquet';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  MAX_DECIMAL_PRECISION,
  REAL,
  SMALLINT,
  TINYINT,
  UNKNOWN,
  VARBINARY,
  VARCHAR,
  decimal,
  timestamp,
  type SqlType,
} from '../../types/sqlType.ts';

export type { ParquetType, TimeUnit };

/** How a column is stored: what the statistics and chunk readers need to know. */
export interface ParquetPhysical {
  /** null for a group (nested) field. */
  readonly type: ParquetType | null;
  /** Byte width of FIXED_LEN_BYTE_ARRAY values. */
  readonly typeLength: number | null;
  readonly convertedType: ConvertedType | null;
  readonly logicalType: LogicalType | null;
  /** Unsigned integer annotation (UINT_n or INTEGER(n, false)): changes the sort order. */
  readonly unsigned: boolean;
  /** Unit of a TIMESTAMP annotation on INT64. */
  readonly timeUnit: TimeUnit | null;
}

export interface ParquetColumn {
  readonly name: string;
  /** UNKNOWN when `unsupported` is set. */
  readonly type: SqlType;
  readonly physical: ParquetPhysical;
  readonly nullable: boolean;
  /** Position of this column's chunk in every row group's column list; null for nested fields. */
  readonly leafIndex: number | null;
  /** Why the column cannot be read, or null if it can. */
  readonly unsupported: string | null;
}

/** Thrown for a schema whose shape is inconsistent; footer.ts turns it into CORRUPT_FILE. */
export class MalformedSchemaError extends Error {}

/**
 * Map hyparquet's flattened schema (depth-first, element 0 the root) to columns. Also returns
 * the number of leaf columns, which every row group must have a chunk for.
 */
export function mapParquetSchema(elements: readonly SchemaElement[]): { columns: ParquetColumn[]; leafCount: number } {
  const root = elements[0];
  if (root === undefined) throw new MalformedSchemaError('empty schema');
  const fieldCount = root.num_children ?? 0;
  const columns: ParquetColumn[] = [];
  let next = 1;
  let leaves = 0;
  for (let f = 0; f < fieldCount; f++) {
    const el = elements[next];
    if (el === undefined) throw new MalformedSchemaError(`schema ends before field ${f + 1} of ${fieldCount}`);
    const span = subtreeSpan(elements, next);
    if (span.leaves === 0 && isGroup(el)) {
      // A group with no leaves owns no column chunk; list it, but it can never be read.
      columns.push(unsupportedColumn(el, null, 'an empty group column'));
    } else if (isGroup(el)) {
      columns.push(unsupportedColumn(el, null, `a nested column (${describeGroup(el)})`));
    } else if (el.repetition_type === 'REPEATED') {
      columns.push(unsupportedColumn(el, leaves, 'a repeated column'));
    } else {
      columns.push(primitiveColumn(el, leaves));
    }
    leaves += span.leaves;
    next = span.end;
  }
  if (next !== elements.length) {
    throw new MalformedSchemaError(`schema has ${elements.length - next} elements beyond its ${fieldCount} fields`);
  }
  return { columns, leafCount: leaves };
}

function isGroup(el: SchemaElement): boolean {
  return el.type === undefined || (el.num_children ?? 0) > 0;
}

/** The index after the subtree rooted at `start`, and how many leaves it holds. */
function subtreeSpan(elements: readonly SchemaElement[], start: number): { end: number; leaves: number } {
  // Iterative: a hostile footer could nest deeply enough to overflow the stack.
  let pending = 1;
  let i = start;
  let leaves = 0;
  while (pending > 0) {
    const el = elements[i];
    if (el === undefined) throw new MalformedSchemaError(`schema element ${i} is missing (a group claims more children than exist)`);
    pending--;
    const children = el.num_children ?? 0;
    if (!Number.isSafeInteger(children) || children < 0) throw new MalformedSchemaError(`schema element "${el.name}" has ${children} children`);
    if (isGroup(el)) pending += children;
    else leaves++;
    i++;
  }
  return { end: i, leaves };
}

function describeGroup(el: SchemaElement): string {
  const annotation = el.logical_type?.type ?? el.converted_type;
  if (annotation === 'LIST' || annotation === 'MAP' || annotation === 'MAP_KEY_VALUE') return annotation.toLowerCase().replace('_key_value', '');
  return el.repetition_type === 'REPEATED' ? 'repeated group' : 'struct';
}

function physicalOf(el: SchemaElement): ParquetPhysical {
  const logical = el.logical_type ?? null;
  const converted = el.converted_type ?? null;
  const unsigned =
    (logical?.type === 'INTEGER' && !logical.isSigned) ||
    converted === 'UINT_8' ||
    converted === 'UINT_16' ||
    converted === 'UINT_32' ||
    converted === 'UINT_64';
  let timeUnit: TimeUnit | null = null;
  if (logical?.type === 'TIMESTAMP') timeUnit = logical.unit;
  else if (converted === 'TIMESTAMP_MILLIS') timeUnit = 'MILLIS';
  else if (converted === 'TIMESTAMP_MICROS') timeUnit = 'MICROS';
  return {
    type: isGroup(el) ? null : (el.type ?? null),
    typeLength: el.type_length ?? null,
    convertedType: converted,
    logicalType: logical,
    unsigned,
    timeUnit: el.type === 'INT64' ? timeUnit : null,
  };
}

function unsupportedColumn(el: SchemaElement, leafIndex: number | null, what: string): ParquetColumn {
  return {
    name: el.name,
    type: UNKNOWN,
    physical: physicalOf(el),
    nullable: el.repetition_type !== 'REQUIRED',
    leafIndex,
    unsupported: what,
  };
}

function primitiveColumn(el: SchemaElement, leafIndex: number): ParquetColumn {
  const physical = physicalOf(el);
  const mapped = sqlTypeOf(el, physical);
  const nullable = el.repetition_type !== 'REQUIRED';
  if (typeof mapped === 'string') return { name: el.name, type: UNKNOWN, physical, nullable, leafIndex, unsupported: mapped };
  return { name: el.name, type: mapped, physical, nullable, leafIndex, unsupported: null };
}

/** The SQL type of a primitive field, or the reason it has none. */
function sqlTypeOf(el: SchemaElement, p: ParquetPhysical): SqlType | string {
  const logical = p.logicalType;
  const converted = p.convertedType;
  const physicalName = `${el.type ?? 'group'}${converted ? ` (${converted})` : ''}`;
  if (logical?.type === 'DECIMAL' || converted === 'DECIMAL') return decimalType(el, physicalName);
  switch (el.type) {
    case 'BOOLEAN':
      return BOOLEAN;
    case 'INT32':
      if (logical?.type === 'DATE' || converted === 'DATE') return DATE;
      if (logical?.type === 'TIME' || converted === 'TIME_MILLIS') return 'a TIME column';
      return integerType(intBits(logical, converted) ?? 32, p.unsigned);
    case 'INT64':
      if (p.timeUnit !== null) {
        // NANOS is read as timestamp(6): the engine's timestamps are microseconds, so the
        // sub-microsecond digits are dropped (floor), in statistics and data alike.
        // isAdjustedToUTC=true (instants) reads as the UTC wall clock: there is no time zone type.
        return timestamp(p.timeUnit === 'MILLIS' ? 3 : 6);
      }
      if (logical?.type === 'TIME' || converted === 'TIME_MICROS') return 'a TIME column';
      return integerType(intBits(logical, converted) ?? 64, p.unsigned);
    case 'INT96':
      // Legacy Impala/Spark timestamps: nanoseconds of day + Julian day, read as UTC wall clock.
      return timestamp(6);
    case 'FLOAT':
      return REAL;
    case 'DOUBLE':
      return DOUBLE;
    case 'BYTE_ARRAY':
      if (logical?.type === 'STRING' || logical?.type === 'ENUM' || logical?.type === 'JSON') return VARCHAR;
      if (converted === 'UTF8' || converted === 'ENUM' || converted === 'JSON') return VARCHAR;
      if (logical === null && (converted === null || converted === 'BSON')) return VARBINARY;
      if (logical?.type === 'BSON') return VARBINARY;
      return `an annotated BYTE_ARRAY column (${logical?.type ?? converted})`;
    case 'FIXED_LEN_BYTE_ARRAY':
      if (logical?.type === 'FLOAT16') return `a FLOAT16 column`;
      if (converted === 'INTERVAL' || logical?.type === 'INTERVAL') return `an INTERVAL column`;
      return VARBINARY;
    case undefined:
      return 'a group column';
    default:
      return `an unknown physical type (${String(el.type)})`;
  }
}

function intBits(logical: LogicalType | null, converted: ConvertedType | null): number | null {
  if (logical?.type === 'INTEGER') return logical.bitWidth;
  switch (converted) {
    case 'INT_8':
    case 'UINT_8':
      return 8;
    case 'INT_16':
    case 'UINT_16':
      return 16;
    case 'INT_32':
    case 'UINT_32':
      return 32;
    case 'INT_64':
    case 'UINT_64':
      return 64;
    default:
      return null;
  }
}

/** Signed n-bit integers map to the SQL type of that width; unsigned ones to the next wider. */
function integerType(bits: number, unsigned: boolean): SqlType {
  if (unsigned) {
    if (bits <= 8) return SMALLINT;
    if (bits <= 16) return INTEGER;
    if (bits <= 32) return BIGINT;
    return decimal(20, 0);
  }
  if (bits <= 8) return TINYINT;
  if (bits <= 16) return SMALLINT;
  if (bits <= 32) return INTEGER;
  return BIGINT;
}

function decimalType(el: SchemaElement, physicalName: string): SqlType | string {
  const logical = el.logical_type;
  const precision = logical?.type === 'DECIMAL' ? logical.precision : el.precision;
  const scale = logical?.type === 'DECIMAL' ? logical.scale : (el.scale ?? 0);
  if (precision === undefined || !Number.isInteger(precision) || !Number.isInteger(scale) || precision < 1 || scale < 0 || scale > precision) {
    return `a DECIMAL column with invalid precision/scale (${String(precision)}, ${String(scale)})`;
  }
  if (precision > MAX_DECIMAL_PRECISION) return `a DECIMAL(${precision},${scale}) column (precision above ${MAX_DECIMAL_PRECISION})`;
  switch (el.type) {
    case 'INT32':
    case 'INT64':
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return decimal(precision, scale);
    default:
      return `a DECIMAL column stored as ${physicalName}`;
  }
}

/** The column called `name` (exact match), or undefined. */
export function findColumn(columns: readonly ParquetColumn[], name: string): ParquetColumn | undefined {
  return columns.find((c) => c.name === name);
}
