/**
 * A result batch (Squall vectors) → one Arrow RecordBatch, for the Parquet writer. Each SQL type
 * gets the Arrow type arrow-rs writes as the matching Parquet logical type, so DuckDB, Spark or
 * Athena read the file back with the query's types:
 *
 * | SQL                         | Arrow                    | Parquet                          |
 * |-----------------------------|--------------------------|----------------------------------|
 * | boolean                     | Bool                     | BOOLEAN                          |
 * | tinyint/smallint/integer    | Int8/Int16/Int32         | INT32 (INT(8/16/32))             |
 * | bigint                      | Int64                    | INT64                            |
 * | real / double               | Float32 / Float64        | FLOAT / DOUBLE                   |
 * | decimal(p,s)                | Decimal128(p,s)          | DECIMAL(p,s)                     |
 * | varchar / varbinary         | Utf8 / Binary            | BYTE_ARRAY (STRING)              |
 * | date                        | Date32 (days)            | DATE                             |
 * | timestamp(p)                | Timestamp(µs), no zone   | TIMESTAMP(MICROS, not UTC)       |
 * | intervals, unknown (NULL)   | Utf8 (Trino's text)      | STRING                           |
 *
 * Parquet has no type for Trino's intervals that readers agree on, so they are written as the
 * text the client protocol shows.
 */
import * as arrow from 'apache-arrow';
import { SquallError } from '../../errors.ts';
import { toClientJson } from '../../types/clientJson.ts';
import type { SqlType } from '../../types/sqlType.ts';
import type { Value } from '../../types/value.ts';
import { encodeUtf8, valueAt, type Batch, type Vector } from '../../types/vector.ts';

export interface NamedColumn {
  readonly name: string;
  readonly type: SqlType;
}

export function batchToArrow(columns: readonly NamedColumn[], batch: Batch): arrow.RecordBatch {
  const fields = columns.map((c) => new arrow.Field(c.name, arrowTypeOf(c.type), true));
  const children = columns.map((c, j) => columnData(c.type, fields[j]!.type, batch.columns[j]!, batch.length));
  const schema = new arrow.Schema(fields);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length: batch.length, nullCount: 0, children });
  return new arrow.RecordBatch(schema, struct);
}

function arrowTypeOf(type: SqlType): arrow.DataType {
  switch (type.kind) {
    case 'boolean':
      return new arrow.Bool();
    case 'tinyint':
      return new arrow.Int8();
    case 'smallint':
      return new arrow.Int16();
    case 'integer':
      return new arrow.Int32();
    case 'bigint':
      return new arrow.Int64();
    case 'real':
      return new arrow.Float32();
    case 'double':
      return new arrow.Float64();
    case 'decimal':
      return new arrow.Decimal(type.scale, type.precision, 128);
    case 'varchar':
    case 'interval day to second':
    case 'interval year to month':
    case 'unknown':
      return new arrow.Utf8();
    case 'varbinary':
      return new arrow.Binary();
    case 'date':
      return new arrow.DateDay();
    case 'timestamp':
      return new arrow.TimestampMicrosecond();
    case 'array':
      throw new SquallError('NOT_SUPPORTED', 'Parquet output of array columns is not supported');
    default: {
      const never: never = type;
      throw new Error(`unexpected type ${JSON.stringify(never)}`);
    }
  }
}

/** Validity bits (1 = present) and the null count, or no bitmap when every value is present. */
function validity(values: readonly Value[]): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  const bits = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else bits[i >> 3]! |= 1 << (i & 7);
  });
  return nullCount === 0 ? { nullCount } : { nullBitmap: bits, nullCount };
}

const TWO_64 = 1n << 64n;

function columnData(sqlType: SqlType, type: arrow.DataType, vector: Vector, length: number): arrow.Data {
  const values: Value[] = Array.from({ length }, (_, i) => valueAt(vector, i));
  const valid = validity(values);
  const common = { type, length, ...valid };
  const numbers = (): number[] => values.map((v) => (v === null ? 0 : Number(v)));
  const bigints = (): bigint[] => values.map((v) => (v === null ? 0n : BigInt(v as bigint | number)));
  switch (sqlType.kind) {
    case 'boolean': {
      const bits = new Uint8Array(Math.ceil(length / 8));
      values.forEach((v, i) => {
        if (v === true) bits[i >> 3]! |= 1 << (i & 7);
      });
      return arrow.makeData({ ...common, type: type as arrow.Bool, data: bits });
    }
    case 'tinyint':
      return arrow.makeData({ ...common, type: type as arrow.Int8, data: Int8Array.from(numbers()) });
    case 'smallint':
      return arrow.makeData({ ...common, type: type as arrow.Int16, data: Int16Array.from(numbers()) });
    case 'integer':
      return arrow.makeData({ ...common, type: type as arrow.Int32, data: Int32Array.from(numbers()) });
    case 'date':
      return arrow.makeData({ ...common, type: type as arrow.DateDay, data: Int32Array.from(numbers()) });
    case 'bigint':
      return arrow.makeData({ ...common, type: type as arrow.Int64, data: BigInt64Array.from(bigints()) });
    case 'timestamp':
      return arrow.makeData({ ...common, type: type as arrow.TimestampMicrosecond, data: BigInt64Array.from(numbers(), (n) => BigInt(Math.round(n))) });
    case 'real':
      return arrow.makeData({ ...common, type: type as arrow.Float32, data: Float32Array.from(numbers()) });
    case 'double':
      return arrow.makeData({ ...common, type: type as arrow.Float64, data: Float64Array.from(numbers()) });
    case 'decimal': {
      // 128-bit two's complement, little-endian 32-bit words.
      const words = new Uint32Array(4 * length);
      bigints().forEach((v, i) => {
        const u = v < 0n ? (1n << 128n) + v : v;
        const lo = u % TWO_64;
        const hi = u / TWO_64;
        words[4 * i] = Number(lo & 0xffffffffn);
        words[4 * i + 1] = Number(lo >> 32n);
        words[4 * i + 2] = Number(hi & 0xffffffffn);
        words[4 * i + 3] = Number(hi >> 32n);
      });
      return arrow.makeData({ ...common, type: type as arrow.Decimal, data: words });
    }
    case 'varchar':
    case 'varbinary':
    case 'interval day to second':
    case 'interval year to month':
    case 'unknown': {
      const parts = values.map((v): Uint8Array => {
        if (v === null) return new Uint8Array(0);
        if (v instanceof Uint8Array) return v;
        return encodeUtf8(sqlType.kind === 'varchar' ? (v as string) : String(toClientJson(v, sqlType)));
      });
      const valueOffsets = new Int32Array(length + 1);
      parts.forEach((p, i) => (valueOffsets[i + 1] = valueOffsets[i]! + p.length));
      const data = new Uint8Array(valueOffsets[length]!);
      parts.forEach((p, i) => data.set(p, valueOffsets[i]!));
      return sqlType.kind === 'varbinary'
        ? arrow.makeData({ ...common, type: type as arrow.Binary, valueOffsets, data })
        : arrow.makeData({ ...common, type: type as arrow.Utf8, valueOffsets, data });
    }
    case 'array':
      throw new SquallError('NOT_SUPPORTED', 'Parquet output of array columns is not supported');
    default: {
      const never: never = sqlType;
      throw new Error(`unexpected type ${JSON.stringify(never)}`);
    }
  }
}
