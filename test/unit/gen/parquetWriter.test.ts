import * as arrow from 'apache-arrow';
import { parseTable } from 'arrow-js-ffi';
import { parquetMetadata } from 'hyparquet';
import * as pw from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { writeParquet, type ParquetCodec } from '../../../src/formats/parquet/writer.ts';
import { tableGenerator } from '../../../src/gen/tpch/index.ts';

const SF = 0.01;

async function lineitemFile(codec: ParquetCodec = 'zstd', rowGroupSize = 4_000): Promise<Uint8Array> {
  const gen = tableGenerator('lineitem');
  return writeParquet(gen.batches(SF, 0, 2_500, 3_000), { codec, rowGroupSize, plainColumns: gen.plainColumns });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe('parquet writer (arrow-rs via parquet-wasm)', () => {
  it('writes DECIMAL(15,2) as INT64, dates as INT32, dictionary strings as BYTE_ARRAY, all REQUIRED', async () => {
    const meta = parquetMetadata(toArrayBuffer(await lineitemFile()));
    const byName = Object.fromEntries(meta.schema.slice(1).map((e) => [e.name, e]));
    expect(byName.l_extendedprice).toMatchObject({ type: 'INT64', repetition_type: 'REQUIRED', logical_type: { type: 'DECIMAL', precision: 15, scale: 2 } });
    expect(byName.l_orderkey).toMatchObject({ type: 'INT64' });
    expect(byName.l_linenumber).toMatchObject({ type: 'INT32' });
    expect(byName.l_shipdate).toMatchObject({ type: 'INT32', logical_type: { type: 'DATE' } });
    expect(byName.l_returnflag).toMatchObject({ type: 'BYTE_ARRAY', logical_type: { type: 'STRING' } });
    expect(meta.key_value_metadata?.some((kv) => kv.key === 'ARROW:schema')).toBe(true);
  });

  it('cuts row groups at rowGroupSize and writes min/max for every column chunk', async () => {
    const meta = parquetMetadata(toArrayBuffer(await lineitemFile('zstd', 4_000)));
    const rows = meta.row_groups.map((g) => Number(g.num_rows));
    expect(rows.slice(0, -1).every((n) => n === 4_000)).toBe(true);
    expect(rows.length).toBeGreaterThan(2);
    for (const group of meta.row_groups) {
      for (const chunk of group.columns) {
        const stats = chunk.meta_data?.statistics;
        expect(stats?.min_value, chunk.meta_data?.path_in_schema.join('.')).toBeDefined();
        expect(stats?.max_value).toBeDefined();
        expect(chunk.meta_data?.codec).toBe('ZSTD');
      }
    }
    const first = meta.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === 'l_discount')!;
    expect(first.meta_data?.statistics?.min_value).toBe(0);
    expect(first.meta_data?.statistics?.max_value).toBe(0.1);
  });

  it('dictionary-encodes low-cardinality columns and leaves plainColumns plain', async () => {
    const meta = parquetMetadata(toArrayBuffer(await lineitemFile()));
    const encodings = (name: string) => meta.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === name)!.meta_data!.encodings;
    expect(encodings('l_shipmode')).toContain('RLE_DICTIONARY');
    expect(encodings('l_comment')).not.toContain('RLE_DICTIONARY');
    expect(encodings('l_orderkey')).not.toContain('RLE_DICTIONARY');
  });

  it('round-trips dictionary columns as Arrow dictionaries through parquet-wasm and arrow-js-ffi', async () => {
    const bytes = await lineitemFile();
    const wasmTable = pw.readParquet(bytes);
    const ffi = wasmTable.intoFFI();
    try {
      const table: arrow.Table = parseTable(pw.wasmMemory().buffer, ffi.arrayAddrs(), ffi.schemaAddr(), true);
      const type = table.schema.fields.find((f) => f.name === 'l_shipmode')!.type;
      if (!arrow.DataType.isDictionary(type)) throw new Error(`l_shipmode read back as ${String(type)}`);
      expect(arrow.DataType.isInt(type.indices) && type.indices.bitWidth === 32 && type.indices.isSigned).toBe(true);
      expect(arrow.DataType.isUtf8(type.dictionary)).toBe(true);
      expect(arrow.DataType.isUtf8(table.schema.fields.find((f) => f.name === 'l_comment')!.type)).toBe(true);
      const modes = new Set(table.getChild('l_shipmode')!.toArray() as string[]);
      expect([...modes].sort()).toEqual(['AIR', 'FOB', 'MAIL', 'RAIL', 'REG AIR', 'SHIP', 'TRUCK']);
      const decimal = table.schema.fields.find((f) => f.name === 'l_tax')!.type;
      expect(arrow.DataType.isDecimal(decimal) && decimal.precision === 15 && decimal.scale === 2).toBe(true);
    } finally {
      ffi.drop();
    }
  });

  it.each<[ParquetCodec, string]>([
    ['zstd', 'ZSTD'],
    ['snappy', 'SNAPPY'],
    ['gzip', 'GZIP'],
    ['none', 'UNCOMPRESSED'],
  ])('writes %s', async (codec, name) => {
    const bytes = await lineitemFile(codec);
    const meta = parquetMetadata(toArrayBuffer(bytes));
    expect(meta.row_groups[0]!.columns[0]!.meta_data?.codec).toBe(name);
    expect(Number(meta.num_rows)).toBeGreaterThan(2_500);
  });

  it('is deterministic: the same batches give the same bytes', async () => {
    expect(Buffer.compare(await lineitemFile(), await lineitemFile())).toBe(0);
  });

  it('accepts an Arrow table and rejects an empty input', async () => {
    const table = new arrow.Table({ x: arrow.vectorFromArray([1, 2, 3], new arrow.Int32()) });
    const meta = parquetMetadata(toArrayBuffer(await writeParquet(table, { codec: 'none' })));
    expect(Number(meta.num_rows)).toBe(3);
    await expect(writeParquet([], {})).rejects.toThrow();
  });
});
