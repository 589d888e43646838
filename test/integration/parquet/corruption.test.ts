/**
 * Damaged objects give DataError CORRUPT_FILE naming the object (and, for damaged data, the row
 * group and column), never a crash, a hang, a raw TypeError or a wasm RuntimeError; and the
 * decoder keeps working for the next, healthy file.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/errors.ts';
import { columnChunkRanges } from '../../../src/formats/parquet/columnChunks.ts';
import { readFooter } from '../../../src/formats/parquet/footer.ts';
import { readRowGroups } from '../../../src/formats/parquet/rowGroupReader.ts';
import { wasmTrapCount } from '../../../src/formats/parquet/wasmDecoder.ts';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';
import { openParquetFixtures, type Codec, type FixtureFile, type ParquetFixtures } from '../../helpers/parquetFixtures.ts';

const QUERY = `SELECT i AS n, (i * 7) % 1000 AS m, 'str' || (i % 100) AS s, (i * 1.5)::DECIMAL(15,2) AS d, (i * 0.37)::DOUBLE AS r
  FROM range(10000) t(i)`;

let fx: ParquetFixtures;
const good = new Map<Codec, FixtureFile>();
const original = new Map<Codec, Uint8Array>();

beforeAll(async () => {
  fx = await openParquetFixtures();
  for (const codec of ['gzip', 'zstd', 'snappy', 'uncompressed'] as const) {
    const f = await fx.write(`good-${codec}.parquet`, QUERY, { codec, rowGroupSize: 2048 });
    good.set(codec, f);
    original.set(codec, new Uint8Array(await readFile(f.path)));
  }
});

afterAll(async () => {
  await fx.close();
});

/** Read every row group and column; return what it threw (or null). */
async function readAll(file: FixtureFile): Promise<unknown> {
  const store = new LocalFileStore();
  try {
    const footer = await readFooter(store, file.uri, file.size);
    const columns = footer.columns.map((c) => c.name);
    const rowGroups = footer.rowGroups.map((_, i) => i);
    for await (const _ of readRowGroups({ store, uri: file.uri, size: file.size, footer, rowGroups, columns })) {
      // consume
    }
    return null;
  } catch (err) {
    return err;
  }
}

function expectCorrupt(err: unknown, file: FixtureFile, detail?: RegExp): void {
  expect(err).toBeInstanceOf(DataError);
  const e = err as DataError;
  expect(e.code).toBe('CORRUPT_FILE');
  expect(e.message.startsWith(`Corrupt Parquet object ${file.uri}: `)).toBe(true);
  if (detail) expect(e.message).toMatch(detail);
}

describe('truncated and foreign objects', () => {
  it.each([0.1, 0.5, 0.9, 0.999])('a file cut at %s of its length', async (fraction) => {
    const bytes = original.get('zstd')!;
    const file = await fx.writeBytes(`cut-${fraction}.parquet`, bytes.subarray(0, Math.floor(bytes.length * fraction)));
    expectCorrupt(await readAll(file), file, /missing PAR1 magic/);
  });

  it.each([1, 4, 8])('a file missing its last %i bytes', async (n) => {
    const bytes = original.get('snappy')!;
    const file = await fx.writeBytes(`short-${n}.parquet`, bytes.subarray(0, bytes.length - n));
    expectCorrupt(await readAll(file), file);
  });

  it('a file of random bytes', async () => {
    let x = 12345;
    const bytes = Uint8Array.from({ length: 100_000 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
    const file = await fx.writeBytes('random.parquet', bytes);
    expectCorrupt(await readAll(file), file);
  });

  it('a zero-byte file', async () => {
    const file = await fx.writeBytes('empty.parquet', new Uint8Array(0));
    expectCorrupt(await readAll(file), file, /too small/);
  });

  it('a file whose column chunks point beyond the file (bytes lost in the middle)', async () => {
    const bytes = original.get('gzip')!;
    const spliced = new Uint8Array(bytes.length - 5000);
    spliced.set(bytes.subarray(0, 1000));
    spliced.set(bytes.subarray(6000), 1000);
    const file = await fx.writeBytes('spliced.parquet', spliced);
    expectCorrupt(await readAll(file), file, /lies outside the data region/);
  });
});

describe('damaged column chunks', () => {
  /** Flip 8 bytes of column `column`'s chunk in row group `rg`, at `fraction` of its length. */
  async function damaged(codec: Codec, column: string, rg: number, fraction: number, name: string): Promise<FixtureFile> {
    const bytes = original.get(codec)!.slice();
    const footer = await readFooter(new LocalFileStore(), good.get(codec)!.uri, bytes.length);
    const [r] = columnChunkRanges(footer, [rg], [column]);
    // Past the first page header's leading bytes when fraction is 0.
    const pos = r!.start + 2 + Math.floor((r!.end - r!.start - 10) * fraction);
    for (let k = 0; k < 8; k++) bytes[pos + k]! ^= 0x5a;
    return fx.writeBytes(name, bytes);
  }

  it.each(['n', 's', 'd', 'r'])('gzip data page of column %s: names row group and column', async (column) => {
    const file = await damaged('gzip', column, 2, 0.5, `gz-${column}.parquet`);
    expectCorrupt(await readAll(file), file, new RegExp(`row group 2, column "${column}" cannot be decoded`));
  });

  it.each(['zstd', 'snappy', 'uncompressed'] as const)('%s page header: names row group and column', async (codec) => {
    const file = await damaged(codec, 'm', 3, 0, `hdr-${codec}.parquet`);
    expectCorrupt(await readAll(file), file, /row group 3, column "m" cannot be decoded \(damaged or truncated pages\)/);
  });

  it('keeps decoding healthy files after a damaged one, without leaking errors', async () => {
    const trapsBefore = wasmTrapCount();
    const file = await damaged('gzip', 's', 0, 0.5, 'gz-again.parquet');
    expectCorrupt(await readAll(file), file);
    expect(wasmTrapCount()).toBeGreaterThan(trapsBefore);
    expect(await readAll(good.get('gzip')!)).toBeNull();
    expect(await readAll(good.get('zstd')!)).toBeNull();
  });
});
