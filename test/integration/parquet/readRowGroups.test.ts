/**
 * readRowGroups against DuckDB: every value of every type DuckDB writes, for each codec, read
 * through our reader and compared with DuckDB's own reading of the same file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFooter, type ParquetFooter } from '../../../src/formats/parquet/footer.ts';
import { columnChunkRanges } from '../../../src/formats/parquet/columnChunks.ts';
import { readRowGroups, type RowGroupBatch } from '../../../src/formats/parquet/rowGroupReader.ts';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';
import { formatType } from '../../../src/types/sqlType.ts';
import type { Value } from '../../../src/types/value.ts';
import { valueAt, type Storage } from '../../../src/types/vector.ts';
import { allTypesQuery, duckToValue, firstDifference, openParquetFixtures, sqlLiteral, type Codec, type FixtureFile, type ParquetFixtures } from '../../helpers/parquetFixtures.ts';

const ROWS = 10_000;
const CODECS: readonly Codec[] = ['zstd', 'snappy', 'gzip', 'uncompressed'];

let fx: ParquetFixtures;
const files = new Map<Codec, FixtureFile>();

beforeAll(async () => {
  fx = await openParquetFixtures();
  for (const codec of CODECS) files.set(codec, await fx.write(`all-${codec}.parquet`, allTypesQuery(ROWS), { codec, rowGroupSize: 2048 }));
});

afterAll(async () => {
  await fx.close();
});

async function footerOf(file: FixtureFile, store = new LocalFileStore()): Promise<ParquetFooter> {
  return readFooter(store, file.uri, file.size);
}

async function collect(gen: AsyncGenerator<RowGroupBatch>): Promise<RowGroupBatch[]> {
  const out: RowGroupBatch[] = [];
  for await (const b of gen) out.push(b);
  return out;
}

/** Column-major values of the batches, via valueAt. */
function columnValues(batches: readonly RowGroupBatch[], columns: number): Value[][] {
  const out: Value[][] = Array.from({ length: columns }, () => []);
  for (const { batch } of batches) {
    batch.columns.forEach((v, c) => {
      for (let i = 0; i < batch.length; i++) out[c]!.push(valueAt(v, i));
    });
  }
  return out;
}

/** DuckDB's reading of the given row range, column-major, as our Values. */
async function duckColumns(file: FixtureFile, footer: ParquetFooter, names: readonly string[], from = 0, to = ROWS): Promise<Value[][]> {
  const list = names.map((n) => `"${n}"`).join(', ');
  const rows = await fx.rows(
    `SELECT ${list} FROM read_parquet(${sqlLiteral(file.path)}, file_row_number = true) WHERE file_row_number >= ${from} AND file_row_number < ${to} ORDER BY file_row_number`,
  );
  return names.map((name, c) => {
    const type = footer.columns.find((col) => col.name === name)!.type;
    return rows.map((r) => duckToValue(r[c]!, type));
  });
}

describe.each(CODECS)('readRowGroups on a %s file written by DuckDB', (codec) => {
  it('reads every value of every column as DuckDB does', async () => {
    const file = files.get(codec)!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    expect(footer.rowGroups.length).toBe(5);
    const names = footer.columns.map((c) => c.name);
    const batches = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [0, 1, 2, 3, 4], columns: names }));
    expect(batches.map((b) => [b.rowGroup, b.batch.length])).toEqual(footer.rowGroups.map((r, i) => [i, r.numRows]));
    const ours = columnValues(batches, names.length);
    const theirs = await duckColumns(file, footer, names);
    const differences = names.map((name, c) => ({ column: `${name} ${formatType(footer.columns[c]!.type)}`, diff: firstDifference(ours[c]!, theirs[c]!) }));
    expect(differences.filter((d) => d.diff !== null)).toEqual([]);
  });
});

describe('readRowGroups: shapes of the result', () => {
  it('maps each type to the storage vector.ts prescribes', async () => {
    const file = files.get('zstd')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const names = footer.columns.map((c) => c.name);
    const [first] = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [1], columns: names }));
    const storage = Object.fromEntries(names.map((n, i) => [n, first!.batch.columns[i]!.storage]));
    const expected: Record<string, Storage> = {
      t: 'i32', s: 'i32', n: 'i32', b_small: 'f64', b_big: 'big', h: 'f64', r: 'f64', d: 'f64',
      d4: 'f64', d15: 'f64', d38: 'big', v: 'binary', bl: 'binary', bo: 'bool', dt: 'i32',
      ts: 'f64', tsms: 'f64', tsns: 'f64', tstz: 'f64', nh: 'i32', nhs: 'binary', nhd: 'big',
      an: 'i32', ans: 'binary', ut: 'i32', us: 'i32', ui: 'f64', ub: 'big',
    };
    expect(storage).toEqual(expected);
    const byName = (n: string) => first!.batch.columns[names.indexOf(n)]!;
    expect(byName('an').nulls).toEqual(new Uint8Array(2048).fill(1));
    expect(byName('t').nulls).toBeNull();
    expect(Array.from(byName('nh').nulls!).filter((x) => x === 1).length).toBe(2048 - 205);
  });

  it('yields the requested row groups in the requested order, columns in the requested order, repeats shared', async () => {
    const file = files.get('snappy')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const columns = ['v', 'd38', 'v', 'dt'];
    const batches = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [3, 0], columns }));
    expect(batches.map((b) => b.rowGroup)).toEqual([3, 0]);
    expect(batches[0]!.batch.columns[0]).toBe(batches[0]!.batch.columns[2]);
    const ours = columnValues(batches, columns.length);
    const rg3 = await duckColumns(file, footer, columns, 3 * 2048, 4 * 2048);
    const rg0 = await duckColumns(file, footer, columns, 0, 2048);
    columns.forEach((_, c) => expect(firstDifference(ours[c]!, [...rg3[c]!, ...rg0[c]!])).toBeNull());
  });

  it('answers count(*) from the footer: no columns, right lengths, no GETs', async () => {
    const file = files.get('gzip')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const before = store.counters.getRequests;
    const batches = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [4, 2], columns: [] }));
    expect(batches.map((b) => [b.rowGroup, b.batch.length, b.batch.columns.length])).toEqual([
      [4, ROWS - 4 * 2048, 0],
      [2, 2048, 0],
    ]);
    expect(store.counters.getRequests).toBe(before);
  });

  it('fetches exactly the needed column chunks', async () => {
    const file = files.get('zstd')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const columns = ['b_small', 'v', 'tsns'];
    const rowGroups = [1, 3];
    const before = { ...store.counters };
    await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups, columns, ranges: { maxGapBytes: 0 } }));
    const needed = columnChunkRanges(footer, rowGroups, columns).reduce((n, r) => n + r.end - r.start, 0);
    expect(store.counters.bytesRead - before.bytesRead).toBe(needed);
    // One GET per non-adjacent chunk at most (these three columns are not neighbours).
    expect(store.counters.getRequests - before.getRequests).toBe(rowGroups.length * columns.length);
  });

  it('reads columns whose chunks parquet-wasm merges across a small unread chunk', async () => {
    // `mid` compresses to a few hundred bytes: parquet-wasm asks for a..b in one slice.
    const file = await fx.write('gap.parquet', 'SELECT i AS a, (i % 10)::INTEGER AS mid, i * 2 AS b FROM range(20000) t(i)', { codec: 'snappy', rowGroupSize: 20480 });
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const [a, mid] = columnChunkRanges(footer, [0], ['a', 'mid']);
    expect(mid!.end - mid!.start).toBeLessThan(1024);
    expect(mid!.start).toBe(a!.end);
    const batches = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [0], columns: ['b', 'a'], ranges: { maxGapBytes: 0 } }));
    const [b, aValues] = columnValues(batches, 2);
    expect(aValues![19999]).toBe(19999n);
    expect(b![19999]).toBe(39998n);
  });

  it('gives the same batches whatever the prefetch depth', async () => {
    const file = files.get('uncompressed')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const columns = ['n', 'd15', 'nhs'];
    const runs = [];
    for (const prefetch of [0, 1, 4]) {
      runs.push(columnValues(await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [0, 1, 2, 3, 4], columns, prefetch })), 3));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('stops cleanly when the consumer stops early', async () => {
    const file = files.get('zstd')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    let seen = 0;
    for await (const { batch } of readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [0, 1, 2, 3, 4], columns: ['t'], prefetch: 3 })) {
      seen += batch.length;
      break;
    }
    expect(seen).toBe(2048);
    // The reader is still usable afterwards (its wasm handle was released, not poisoned).
    const again = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [4], columns: ['t'] }));
    expect(again[0]!.batch.length).toBe(ROWS - 4 * 2048);
  });

  it('reads files written by another engine concurrently, decoding one row group at a time', async () => {
    const store = new LocalFileStore();
    const a = files.get('zstd')!;
    const b = files.get('snappy')!;
    const [fa, fb] = await Promise.all([footerOf(a, store), footerOf(b, store)]);
    const read = (f: FixtureFile, footer: ParquetFooter) =>
      collect(readRowGroups({ store, uri: f.uri, size: f.size, footer, rowGroups: [0, 1, 2, 3, 4], columns: ['d38', 'v'] }));
    const [ra, rb] = await Promise.all([read(a, fa), read(b, fb)]);
    expect(columnValues(ra, 2)).toEqual(columnValues(rb, 2));
  });
});

describe('readRowGroups: refusals', () => {
  it.each<[string, string[], RegExp, string]>([
    ['a column the file lacks', ['nope'], /Column "nope" does not exist in Parquet object file:/, 'SCHEMA_MISMATCH'],
  ])('%s', async (_, columns, message, code) => {
    const file = files.get('zstd')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const err = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [0], columns })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code });
    expect((err as Error).message).toMatch(message);
  });

  it('a row group out of range is a bug in the caller', async () => {
    const file = files.get('zstd')!;
    const store = new LocalFileStore();
    const footer = await footerOf(file, store);
    const err = await collect(readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups: [5], columns: ['t'] })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'GENERIC_INTERNAL_ERROR' });
  });
});
