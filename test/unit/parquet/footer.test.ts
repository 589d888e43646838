import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/errors.ts';
import { readFooter } from '../../../src/formats/parquet/footer.ts';
import { MemoryStore } from '../../helpers/memoryStore.ts';

const URI = 's3://lake/t/part-0.parquet';

/** A small Parquet file written by parquet-wasm (arrow-rs): 3 row groups. */
function smallFile(rows = 30): Uint8Array {
  const table = new arrow.Table({
    id: arrow.vectorFromArray(Array.from({ length: rows }, (_, i) => i), new arrow.Int32()),
    name: arrow.vectorFromArray(Array.from({ length: rows }, (_, i) => `n${i}`), new arrow.Utf8()),
  });
  const props = new pw.WriterPropertiesBuilder().setMaxRowGroupSize(Math.ceil(rows / 3)).build();
  return pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props);
}

async function footerError(bytes: Uint8Array): Promise<DataError> {
  const store = new MemoryStore({ [URI]: bytes });
  const err: unknown = await readFooter(store, URI, bytes.length).catch((e: unknown) => e);
  if (!(err instanceof DataError)) throw new Error(`expected a DataError, got ${String(err)}`);
  return err;
}

function u32le(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
};

describe('readFooter', () => {
  it('reads a footer that fits the tail in exactly one GET, with an explicit range', async () => {
    const bytes = smallFile();
    const store = new MemoryStore({ [URI]: bytes });
    const footer = await readFooter(store, URI, bytes.length);
    expect(store.counters.getRequests).toBe(1);
    expect(store.gets).toEqual([{ uri: URI, start: 0, end: bytes.length }]);
    expect(footer.numRows).toBe(30);
    expect(footer.rowGroups.map((r) => r.numRows)).toEqual([10, 10, 10]);
    expect(footer.columns.map((c) => c.name)).toEqual(['id', 'name']);
    expect(footer.footerLength).toBe(new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true) + 8);
    expect(footer.bytes).toEqual(bytes.subarray(bytes.length - footer.footerLength));
  });

  it('reads only the tail of a large object', async () => {
    const bytes = smallFile();
    const store = new MemoryStore({ [URI]: bytes });
    await readFooter(store, URI, bytes.length, { tailBytes: 1024 });
    expect(store.gets).toEqual([{ uri: URI, start: bytes.length - 1024, end: bytes.length }]);
  });

  it('fetches the rest of a footer larger than the tail with a second GET', async () => {
    const bytes = smallFile();
    const store = new MemoryStore({ [URI]: bytes });
    const footer = await readFooter(store, URI, bytes.length, { tailBytes: 64 });
    expect(store.counters.getRequests).toBe(2);
    expect(store.counters.bytesRead).toBe(footer.footerLength);
    expect(footer.numRows).toBe(30);
  });

  it('reads exactly footerLength bytes in one GET when the length is known', async () => {
    const bytes = smallFile();
    const first = await readFooter(new MemoryStore({ [URI]: bytes }), URI, bytes.length);
    const store = new MemoryStore({ [URI]: bytes });
    const again = await readFooter(store, URI, bytes.length, { footerLength: first.footerLength });
    expect(store.gets).toEqual([{ uri: URI, start: bytes.length - first.footerLength, end: bytes.length }]);
    expect(again.numRows).toBe(first.numRows);
  });

  it('notes the page index span that arrow-rs writes before the footer', async () => {
    const bytes = smallFile();
    const footer = await readFooter(new MemoryStore({ [URI]: bytes }), URI, bytes.length);
    expect(footer.pageIndex).not.toBeNull();
    expect(footer.pageIndex!.end).toBeLessThanOrEqual(bytes.length - footer.footerLength);
  });
});

describe('readFooter on malformed objects: CORRUPT_FILE naming the object', () => {
  const valid = smallFile();
  const metadataLength = new DataView(valid.buffer, valid.byteOffset).getUint32(valid.length - 8, true);

  it.each<[string, Uint8Array, RegExp]>([
    ['a zero-byte object', new Uint8Array(0), /0 bytes is too small/],
    ['an 11-byte object', ascii('PAR1abcPAR1'), /too small/],
    ['random bytes', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251), /missing PAR1 magic at the end/],
    ['a metadata length beyond the object', concat(ascii('PAR1'), new Uint8Array(20), u32le(1_000_000), ascii('PAR1')), /footer length 1000000 exceeds the 32-byte object/],
    ['undecodable thrift', concat(ascii('PAR1'), new Uint8Array(40).fill(0xff), u32le(40), ascii('PAR1')), /cannot decode the footer metadata/],
    ['metadata that is valid thrift but not a FileMetaData', concat(ascii('PAR1'), new Uint8Array([0x00]), u32le(1), ascii('PAR1')), /Corrupt Parquet object/],
    ['a file cut before its end', valid.subarray(0, valid.length - 1), /missing PAR1 magic/],
    ['a file cut in the middle', valid.subarray(0, Math.floor(valid.length / 2)), /missing PAR1 magic/],
    ['a file cut after its leading magic', valid.subarray(0, 12), /Corrupt Parquet object/],
    ['a leading magic that is wrong', concat(ascii('XXXX'), valid.subarray(4)), /missing PAR1 magic at the start/],
    [
      'chunks pointing beyond the data (bytes removed from the middle)',
      concat(valid.subarray(0, 40), valid.subarray(140)),
      /(lies outside the data region|cannot decode|invalid)/,
    ],
  ])('%s', async (_, bytes, reason) => {
    const err = await footerError(bytes);
    expect(err.code).toBe('CORRUPT_FILE');
    expect(err.message).toMatch(/^Corrupt Parquet object s3:\/\/lake\/t\/part-0\.parquet: /);
    expect(err.message).toMatch(reason);
    expect(err.message).not.toMatch(/\n\s+at /);
  });

  it('says NOT_SUPPORTED for an encrypted footer', async () => {
    const err = await footerError(concat(valid.subarray(0, valid.length - 4), ascii('PARE')));
    expect(err.code).toBe('NOT_SUPPORTED');
  });

  it('never throws anything but a DataError, whatever bytes of the footer are damaged', async () => {
    let failures = 0;
    for (let trial = 0; trial < 300; trial++) {
      const bytes = valid.slice();
      // Damage 1-4 bytes of the thrift metadata, deterministically.
      for (let k = 0; k <= trial % 4; k++) {
        const pos = valid.length - 8 - 1 - ((trial * 7919 + k * 104729) % metadataLength);
        bytes[pos] = (bytes[pos]! + 1 + ((trial * 31 + k) % 255)) % 256;
      }
      const store = new MemoryStore({ [URI]: bytes });
      try {
        await readFooter(store, URI, bytes.length);
      } catch (err) {
        expect(err).toBeInstanceOf(DataError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
  });
});
