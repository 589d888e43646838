import type { SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { MalformedSchemaError, mapParquetSchema, type ParquetColumn } from '../../../src/formats/parquet/schema.ts';
import { formatType } from '../../../src/types/sqlType.ts';

const root = (n: number): SchemaElement => ({ name: 'schema', num_children: n });
const leaf = (name: string, el: Partial<SchemaElement>): SchemaElement => ({ name, repetition_type: 'OPTIONAL', ...el });

function mapOne(el: Partial<SchemaElement>): ParquetColumn {
  const { columns } = mapParquetSchema([root(1), leaf('c', el)]);
  return columns[0]!;
}

function typeOf(el: Partial<SchemaElement>): string {
  const c = mapOne(el);
  return c.unsupported === null ? formatType(c.type) : `unsupported: ${c.unsupported}`;
}

describe('mapParquetSchema: types as DuckDB, Spark and arrow-rs write them', () => {
  it.each<[string, Partial<SchemaElement>, string]>([
    ['BOOLEAN', { type: 'BOOLEAN' }, 'boolean'],
    ['INT32', { type: 'INT32' }, 'integer'],
    ['INT32 INT_8', { type: 'INT32', converted_type: 'INT_8' }, 'tinyint'],
    ['INT32 INTEGER(8,signed)', { type: 'INT32', logical_type: { type: 'INTEGER', bitWidth: 8, isSigned: true } }, 'tinyint'],
    ['INT32 INT_16', { type: 'INT32', converted_type: 'INT_16' }, 'smallint'],
    ['INT32 INT_32', { type: 'INT32', converted_type: 'INT_32' }, 'integer'],
    ['INT32 UINT_8', { type: 'INT32', converted_type: 'UINT_8' }, 'smallint'],
    ['INT32 UINT_16', { type: 'INT32', converted_type: 'UINT_16' }, 'integer'],
    ['INT32 INTEGER(16,unsigned)', { type: 'INT32', logical_type: { type: 'INTEGER', bitWidth: 16, isSigned: false } }, 'integer'],
    ['INT32 UINT_32', { type: 'INT32', converted_type: 'UINT_32' }, 'bigint'],
    ['INT32 DATE', { type: 'INT32', converted_type: 'DATE' }, 'date'],
    ['INT32 DATE (logical)', { type: 'INT32', logical_type: { type: 'DATE' } }, 'date'],
    ['INT32 DECIMAL(4,2)', { type: 'INT32', converted_type: 'DECIMAL', precision: 4, scale: 2 }, 'decimal(4,2)'],
    ['INT32 TIME_MILLIS', { type: 'INT32', converted_type: 'TIME_MILLIS' }, 'unsupported: a TIME column'],
    ['INT64', { type: 'INT64' }, 'bigint'],
    ['INT64 INT_64', { type: 'INT64', converted_type: 'INT_64' }, 'bigint'],
    ['INT64 UINT_32', { type: 'INT64', converted_type: 'UINT_32' }, 'bigint'],
    ['INT64 UINT_64', { type: 'INT64', converted_type: 'UINT_64' }, 'decimal(20,0)'],
    [
      'INT64 DECIMAL(15,2) (logical)',
      { type: 'INT64', converted_type: 'DECIMAL', precision: 15, scale: 2, logical_type: { type: 'DECIMAL', precision: 15, scale: 2 } },
      'decimal(15,2)',
    ],
    ['INT64 TIMESTAMP_MILLIS', { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }, 'timestamp(3)'],
    ['INT64 TIMESTAMP_MICROS', { type: 'INT64', converted_type: 'TIMESTAMP_MICROS' }, 'timestamp(6)'],
    ['INT64 TIMESTAMP(NANOS)', { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'NANOS' } }, 'timestamp(6)'],
    [
      'INT64 TIMESTAMP(MICROS, UTC)',
      { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } },
      'timestamp(6)',
    ],
    ['INT64 TIME(MICROS)', { type: 'INT64', logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MICROS' } }, 'unsupported: a TIME column'],
    ['INT96', { type: 'INT96' }, 'timestamp(6)'],
    ['FLOAT', { type: 'FLOAT' }, 'real'],
    ['DOUBLE', { type: 'DOUBLE' }, 'double'],
    ['BYTE_ARRAY', { type: 'BYTE_ARRAY' }, 'varbinary'],
    ['BYTE_ARRAY UTF8', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }, 'varchar'],
    ['BYTE_ARRAY STRING', { type: 'BYTE_ARRAY', logical_type: { type: 'STRING' } }, 'varchar'],
    ['BYTE_ARRAY ENUM', { type: 'BYTE_ARRAY', converted_type: 'ENUM' }, 'varchar'],
    ['BYTE_ARRAY JSON', { type: 'BYTE_ARRAY', logical_type: { type: 'JSON' } }, 'varchar'],
    ['BYTE_ARRAY DECIMAL(30,5)', { type: 'BYTE_ARRAY', converted_type: 'DECIMAL', precision: 30, scale: 5 }, 'decimal(30,5)'],
    ['FIXED_LEN_BYTE_ARRAY', { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 4 }, 'varbinary'],
    ['FIXED_LEN_BYTE_ARRAY UUID', { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'UUID' } }, 'varbinary'],
    [
      'FIXED_LEN_BYTE_ARRAY DECIMAL(38,10)',
      { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 10 },
      'decimal(38,10)',
    ],
    [
      'FIXED_LEN_BYTE_ARRAY DECIMAL(50,2)',
      { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 22, converted_type: 'DECIMAL', precision: 50, scale: 2 },
      'unsupported: a DECIMAL(50,2) column (precision above 38)',
    ],
    ['FLBA FLOAT16', { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 2, logical_type: { type: 'FLOAT16' } }, 'unsupported: a FLOAT16 column'],
  ])('%s → %s', (_, el, expected) => {
    expect(typeOf(el)).toBe(expected);
  });

  it('keeps the physical description the statistics decoder needs', () => {
    const c = mapOne({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' } });
    expect(c.physical).toMatchObject({ type: 'INT64', timeUnit: 'NANOS', unsigned: false });
    expect(mapOne({ type: 'INT32', converted_type: 'UINT_32' }).physical.unsigned).toBe(true);
  });

  it('reads nullability from the repetition', () => {
    expect(mapOne({ type: 'INT32', repetition_type: 'REQUIRED' }).nullable).toBe(false);
    expect(mapOne({ type: 'INT32', repetition_type: 'OPTIONAL' }).nullable).toBe(true);
  });
});

describe('mapParquetSchema: nested and repeated fields', () => {
  // a INT32, l LIST<INT64>, s STRUCT<x INT32, y STRUCT<z DOUBLE>>, r repeated INT32, b BOOLEAN
  const elements: SchemaElement[] = [
    root(5),
    leaf('a', { type: 'INT32' }),
    { name: 'l', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    leaf('element', { type: 'INT64' }),
    { name: 's', repetition_type: 'OPTIONAL', num_children: 2 },
    leaf('x', { type: 'INT32' }),
    { name: 'y', repetition_type: 'OPTIONAL', num_children: 1 },
    leaf('z', { type: 'DOUBLE' }),
    { name: 'r', repetition_type: 'REPEATED', type: 'INT32' },
    leaf('b', { type: 'BOOLEAN' }),
  ];

  it('lists every top-level field, nested ones as unsupported, with leaf indexes past nested leaves', () => {
    const { columns, leafCount } = mapParquetSchema(elements);
    expect(columns.map((c) => [c.name, c.unsupported, c.leafIndex])).toEqual([
      ['a', null, 0],
      ['l', 'a nested column (list)', null],
      ['s', 'a nested column (struct)', null],
      ['r', 'a repeated column', 4],
      ['b', null, 5],
    ]);
    // a, l.element, s.x, s.y.z, r, b
    expect(leafCount).toBe(6);
  });

  it.each<[string, SchemaElement[]]>([
    ['an empty schema', []],
    ['a group claiming more children than exist', [root(2), leaf('a', { type: 'INT32' })]],
    ['elements beyond the declared fields', [root(1), leaf('a', { type: 'INT32' }), leaf('b', { type: 'INT32' })]],
  ])('rejects %s', (_, els) => {
    expect(() => mapParquetSchema(els)).toThrow(MalformedSchemaError);
  });
});
