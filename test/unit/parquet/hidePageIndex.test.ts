import * as arrow from 'apache-arrow';
import { parquetMetadata } from 'hyparquet';
import * as pw from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { hidePageIndex } from '../../../src/formats/parquet/hidePageIndex.ts';

function fileWithPageIndex(): Uint8Array {
  const table = new arrow.Table({
    id: arrow.vectorFromArray(Array.from({ length: 40 }, (_, i) => i), new arrow.Int32()),
    flag: arrow.vectorFromArray(Array.from({ length: 40 }, (_, i) => i % 2 === 0), new arrow.Bool()),
    name: arrow.vectorFromArray(Array.from({ length: 40 }, (_, i) => `n${i}`), new arrow.Utf8()),
  });
  return pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), new pw.WriterPropertiesBuilder().setMaxRowGroupSize(10).build());
}

function footerOf(file: Uint8Array): Uint8Array {
  const length = new DataView(file.buffer, file.byteOffset).getUint32(file.length - 8, true);
  return file.slice(file.length - length - 8);
}

describe('hidePageIndex', () => {
  const file = fileWithPageIndex();
  const footer = footerOf(file);

  it('removes every page index reference and changes nothing else', () => {
    const before = parquetMetadata(footer);
    const patched = hidePageIndex(footer);
    expect(patched).not.toBeNull();
    expect(patched!.length).toBe(footer.length);
    const after = parquetMetadata(patched!);
    const chunksBefore = before.row_groups.flatMap((rg) => rg.columns);
    const chunksAfter = after.row_groups.flatMap((rg) => rg.columns);
    expect(chunksBefore.every((c) => c.offset_index_offset !== undefined && c.column_index_offset !== undefined)).toBe(true);
    for (const c of chunksAfter) {
      expect([c.offset_index_offset, c.offset_index_length, c.column_index_offset, c.column_index_length]).toEqual([undefined, undefined, undefined, undefined]);
    }
    expect(chunksAfter.map((c) => c.meta_data)).toEqual(chunksBefore.map((c) => c.meta_data));
    expect(after.schema).toEqual(before.schema);
    expect(after.num_rows).toBe(before.num_rows);
  });

  it('is a footer parquet-wasm opens and decodes without asking for the page indexes', async () => {
    const patched = hidePageIndex(footer)!;
    const served = file.slice();
    served.set(patched, file.length - patched.length);
    const requests: [number, number][] = [];
    const blob = {
      size: served.length,
      slice(a: number, b: number) {
        requests.push([a, b]);
        const bytes = served.slice(a, b);
        return { arrayBuffer: async () => bytes.buffer };
      },
    };
    const pf = await pw.ParquetFile.fromFile(blob as unknown as Blob);
    const table = await pf.read({ rowGroups: [3], columns: ['name'] });
    expect(table.numBatches).toBe(1);
    table.free();
    pf.free();
    const dataEnd = file.length - patched.length;
    const pageIndexStart = Math.min(...parquetMetadata(footer).row_groups.flatMap((rg) => rg.columns.map((c) => Number(c.column_index_offset))));
    expect(requests.every(([a, b]) => b <= pageIndexStart || a >= dataEnd)).toBe(true);
  });

  it('returns null for bytes it cannot walk', () => {
    expect(hidePageIndex(footer.subarray(0, 40))).toBeNull();
    expect(hidePageIndex(new Uint8Array([0x1c, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
