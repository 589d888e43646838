/**
 * When a footer cannot be patched to hide its page indexes, the reader fetches them with the
 * first row group's chunks instead, so parquet-wasm still finds every byte it asks for.
 */
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { describe, expect, it, vi } from 'vitest';
import { readFooter } from '../../../src/formats/parquet/footer.ts';
import { readRowGroups } from '../../../src/formats/parquet/rowGroupReader.ts';
import { vectorValues } from '../../../src/types/vector.ts';
import { MemoryStore } from '../../helpers/memoryStore.ts';

vi.mock('../../../src/formats/parquet/hidePageIndex.ts', () => ({ hidePageIndex: () => null }));

const URI = 's3://lake/fallback/part-0.parquet';

describe('page index fallback', () => {
  it('fetches the page index span once, with the first row group', async () => {
    const table = new arrow.Table({ n: arrow.vectorFromArray(Array.from({ length: 90 }, (_, i) => i), new arrow.Int32()) });
    const bytes = pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), new pw.WriterPropertiesBuilder().setMaxRowGroupSize(30).build());
    const store = new MemoryStore({ [URI]: bytes });
    const footer = await readFooter(store, URI, bytes.length);
    const gets = store.gets.length;
    const values: unknown[] = [];
    for await (const { batch } of readRowGroups({ store, uri: URI, size: bytes.length, footer, rowGroups: [2, 0], columns: ['n'], ranges: { maxGapBytes: 0 } })) {
      values.push(...vectorValues(batch.columns[0]!));
    }
    expect(values).toEqual([...Array.from({ length: 30 }, (_, i) => 60 + i), ...Array.from({ length: 30 }, (_, i) => i)]);
    const ranges = store.gets.slice(gets).map((g) => [g.start, g.end] as const);
    // Row group 2's chunk ends where the page indexes begin: one GET serves both.
    const covering = ranges.filter(([a, b]) => a <= footer.pageIndex!.start && b >= footer.pageIndex!.end);
    expect(covering).toHaveLength(1);
    expect(ranges).toHaveLength(2);
  });
});
