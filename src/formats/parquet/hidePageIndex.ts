/**
 * A copy of a footer in which the column chunks no longer point at their page indexes, for
 * parquet-wasm only.
 *
 * parquet-wasm loads every page index (column and offset indexes) of a file when it opens it,
 * and refuses to open it if they are missing or invalid. A scan never uses them (it decodes
 * whole column chunks), yet they cost a ranged GET per scanned fragment: ~17 KB per TPC-H SF0.1
 * lineitem file, ~10x that at SF1, i.e. up to 20% on top of a one-row-group fragment's chunks.
 *
 * The patch is done in place, byte for byte, on the thrift compact encoding: in each ColumnChunk
 * the field header of its first page-index field (offset_index_offset = 4 … column_index_length
 * = 7) is rewritten so that the field id jumps past every id ColumnChunk defines. Field ids are
 * delta-encoded, so the fields after it shift as well, and a thrift reader skips them all as
 * unknown. Nothing else changes: same length, same offsets, same statistics.
 *
 * Returns null when the footer is not encoded in a way this can patch safely; the caller then
 * fetches the page indexes instead.
 */

// Thrift compact protocol type ids.
const STOP = 0;
const BOOL_TRUE = 1;
const BOOL_FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const SET = 10;
const MAP = 11;
const STRUCT = 12;
const UUID = 13;

const FILE_ROW_GROUPS = 4;
const ROW_GROUP_COLUMNS = 1;
const FIRST_PAGE_INDEX_FIELD = 4;
const LAST_PAGE_INDEX_FIELD = 7;
/** ColumnChunk's highest field id is 9: ids from here on are unknown to every reader. */
const UNKNOWN_FIELD_ID = 10;
/** A long-form field id that still fits the one-byte zigzag varint it replaces. */
const LONG_FORM_UNKNOWN_ID = 60;

class Unpatchable extends Error {}

class Cursor {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    const b = this.bytes[this.pos++];
    if (b === undefined) throw new Unpatchable('thrift ends early');
    return b;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift < 49) result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 70) throw new Unpatchable('varint too long');
    }
  }

  skip(n: number): void {
    if (n < 0 || this.pos + n > this.bytes.length) throw new Unpatchable('thrift ends early');
    this.pos += n;
  }
}

/** The patched copy (footer bytes as in ParquetFooter.bytes), or null. */
export function hidePageIndex(footer: Uint8Array): Uint8Array | null {
  const patched = footer.slice();
  const cur = new Cursor(patched.subarray(0, patched.length - 8));
  try {
    walkStruct(cur, 0, (id, type) => {
      if (id !== FILE_ROW_GROUPS || type !== LIST) return false;
      walkList(cur, (elemType) => {
        if (elemType !== STRUCT) throw new Unpatchable('row group is not a struct');
        walkStruct(cur, 1, (rgField, rgType) => {
          if (rgField !== ROW_GROUP_COLUMNS || rgType !== LIST) return false;
          walkList(cur, (chunkType) => {
            if (chunkType !== STRUCT) throw new Unpatchable('column chunk is not a struct');
            patchColumnChunk(cur);
          });
          return true;
        });
      });
      return true;
    });
    return patched;
  } catch (err) {
    if (err instanceof Unpatchable) return null;
    throw err;
  }
}

/**
 * Walk a struct's fields; `visit` consumes the value of a field it handles (returning true),
 * others are skipped.
 */
function walkStruct(cur: Cursor, depth: number, visit: (id: number, type: number) => boolean): void {
  if (depth > 64) throw new Unpatchable('thrift nested too deeply');
  let id = 0;
  for (;;) {
    const header = cur.byte();
    const type = header & 0x0f;
    if (type === STOP) return;
    const delta = header >> 4;
    id = delta !== 0 ? id + delta : zigzag(cur.varint());
    if (!visit(id, type)) skipValue(cur, type, depth + 1);
  }
}

function walkList(cur: Cursor, element: (elemType: number) => void): void {
  const header = cur.byte();
  const elemType = header & 0x0f;
  const size = header >> 4 === 15 ? cur.varint() : header >> 4;
  for (let i = 0; i < size; i++) element(elemType);
}

function patchColumnChunk(cur: Cursor): void {
  let id = 0;
  let patched = false;
  for (;;) {
    const at = cur.pos;
    const header = cur.byte();
    const type = header & 0x0f;
    if (type === STOP) return;
    const delta = header >> 4;
    const previous = id;
    id = delta !== 0 ? id + delta : zigzag(cur.varint());
    if (!patched && id >= FIRST_PAGE_INDEX_FIELD && id <= LAST_PAGE_INDEX_FIELD) {
      if (delta !== 0) {
        if (previous + 15 < UNKNOWN_FIELD_ID) throw new Unpatchable('cannot move the field id far enough');
        cur.bytes[at] = (15 << 4) | type;
        id = previous + 15;
      } else {
        if (cur.pos !== at + 2) throw new Unpatchable('long field id');
        cur.bytes[at + 1] = LONG_FORM_UNKNOWN_ID * 2;
        id = LONG_FORM_UNKNOWN_ID;
      }
      patched = true;
    }
    skipValue(cur, type, 2);
  }
}

function zigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

function skipValue(cur: Cursor, type: number, depth: number): void {
  switch (type) {
    case BOOL_TRUE:
    case BOOL_FALSE:
      return;
    case BYTE:
      cur.skip(1);
      return;
    case I16:
    case I32:
    case I64:
      cur.varint();
      return;
    case DOUBLE:
      cur.skip(8);
      return;
    case BINARY:
      cur.skip(cur.varint());
      return;
    case UUID:
      cur.skip(16);
      return;
    case LIST:
    case SET:
      walkList(cur, (elemType) => (elemType === BOOL_TRUE || elemType === BOOL_FALSE ? cur.skip(1) : skipValue(cur, elemType, depth + 1)));
      return;
    case MAP: {
      const size = cur.varint();
      if (size === 0) return;
      const kv = cur.byte();
      for (let i = 0; i < size; i++) {
        skipValue(cur, kv >> 4, depth + 1);
        skipValue(cur, kv & 0x0f, depth + 1);
      }
      return;
    }
    case STRUCT:
      walkStruct(cur, depth, () => false);
      return;
    default:
      throw new Unpatchable(`unknown thrift type ${type}`);
  }
}
