/**
 * Text columns: comments, v-strings (addresses) and phone numbers.
 *
 * Comments follow the spec's construction (clause 4.2.2.10): a pool of text is produced once
 * from the sentence grammar and its weighted word lists, and a comment is the substring at a
 * random offset with a random length in [min, max] (so, as with dbgen, it may start or end in the
 * middle of a word). How this differs from dbgen:
 *  - the pool is TEXT_POOL_BYTES (16 MiB) instead of dbgen's 300 MB, generated with our own
 *    random stream, so the words and offsets differ from dbgen's and substrings recur more often
 *    (at SF1 about one lineitem comment starts per 3 pool bytes, against one per 50 in dbgen);
 *  - the pool's sentences use the dists.dss grammar and weights, with one correction: dbgen's
 *    misspelt preposition "whithout" is "without" here.
 * v-strings use a 64-symbol alphabet (digits, both cases, space, comma), as the spec requires.
 */
import type { Utf8Column } from './columns.ts';
import {
  ADJECTIVES,
  ADVERBS,
  AUXILIARIES,
  NOUN_PHRASES,
  NOUNS,
  PREPOSITIONS,
  SENTENCES,
  TERMINATORS,
  VERB_PHRASES,
  VERBS,
  type Weighted,
} from './distributions.ts';
import { RowRandom, seedOf } from './random.ts';

export const TEXT_POOL_BYTES = 16 * 1024 * 1024;

let cachedPool: Uint8Array | undefined;

/** The shared comment pool, built on first use (~0.1 s) and kept for the process. */
export function textPool(): Uint8Array {
  cachedPool ??= buildPool(TEXT_POOL_BYTES);
  return cachedPool;
}

/** A weighted list prepared for O(1) picks: `lookup[point]` is the item for a point in [0, total). */
interface Picker<T> {
  readonly items: readonly T[];
  readonly lookup: Uint16Array;
  readonly total: number;
}

function picker<T>(dist: Weighted, map: (word: string) => T): Picker<T> {
  const lookup = new Uint16Array(dist.total);
  let item = 0;
  for (let point = 0; point < dist.total; point++) {
    while (dist.cumulative[item]! <= point) item++;
    lookup[point] = item;
  }
  return { items: dist.words.map(map), lookup, total: dist.total };
}

const encode = (w: string): Uint8Array => new TextEncoder().encode(w);
const symbols = (shape: string): string[] => shape.split(' ');

/** Grammar-generated text, sentence after sentence, cut at `size` bytes. */
export function buildPool(size: number): Uint8Array {
  const out = new Uint8Array(size);
  const r = new RowRandom(seedOf('text.pool')).at(0);
  const nouns = picker(NOUNS, encode);
  const verbs = picker(VERBS, encode);
  const adjectives = picker(ADJECTIVES, encode);
  const adverbs = picker(ADVERBS, encode);
  const prepositions = picker(PREPOSITIONS, encode);
  const auxiliaries = picker(AUXILIARIES, encode);
  const terminators = picker(TERMINATORS, encode);
  const sentences = picker(SENTENCES, symbols);
  const nounPhrases = picker(NOUN_PHRASES, symbols);
  const verbPhrases = picker(VERB_PHRASES, symbols);
  const the = encode('the');
  let pos = 0;
  const pick = <T>(p: Picker<T>): T => p.items[p.lookup[Math.floor((r.next() / 4_294_967_296) * p.total)]!]!;
  // Each word is followed by a space; a comma or terminator replaces the space before it.
  const word = (w: Uint8Array): void => {
    const n = Math.min(w.length, size - pos);
    out.set(n === w.length ? w : w.subarray(0, n), pos);
    pos += n;
    if (pos < size) out[pos++] = 32;
  };
  const attach = (w: Uint8Array): void => {
    if (pos >= size) return;
    pos--;
    word(w);
  };
  const comma = encode(',');
  const nounPhrase = (): void => {
    for (const sym of pick(nounPhrases)) {
      if (sym === 'N') word(pick(nouns));
      else if (sym === 'J') word(pick(adjectives));
      else if (sym === 'J,') {
        word(pick(adjectives));
        attach(comma);
      } else word(pick(adverbs));
    }
  };
  const verbPhrase = (): void => {
    for (const sym of pick(verbPhrases)) {
      if (sym === 'V') word(pick(verbs));
      else if (sym === 'X') word(pick(auxiliaries));
      else word(pick(adverbs));
    }
  };
  while (pos < size) {
    for (const sym of pick(sentences)) {
      if (pos >= size) break;
      if (sym === 'N') nounPhrase();
      else if (sym === 'V') verbPhrase();
      else if (sym === 'P') {
        word(pick(prepositions));
        word(the);
        nounPhrase();
      } else attach(pick(terminators));
    }
  }
  return out;
}

/** A comment of length [min, max] taken from the pool at a random offset; closes the value. */
export function comment(col: Utf8Column, r: RowRandom, min: number, max: number): void {
  const pool = textPool();
  const len = r.int(min, max);
  col.copy(pool, r.int(0, pool.length - len), len);
  col.end();
}

const ALPHABET = new Uint8Array(
  Array.from('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,', (c) => c.charCodeAt(0)),
);

/** A random v-string of length [min, max] (six bits of a draw per character); closes the value. */
export function vstring(col: Utf8Column, r: RowRandom, min: number, max: number): void {
  const len = r.int(min, max);
  const at = col.reserve(len);
  const d = col.bytes;
  let bits = 0;
  let left = 0;
  for (let i = 0; i < len; i++) {
    if (left === 0) {
      bits = r.next();
      left = 5;
    }
    d[at + i] = ALPHABET[bits & 63]!;
    bits >>>= 6;
    left--;
  }
  col.advance(len);
  col.end();
}

/** Phone number per clause 4.2.2.9: country code nationkey + 10, then three random groups. */
export function phone(col: Utf8Column, r: RowRandom, nationKey: number): void {
  col.zeroPadded(nationKey + 10, 2);
  col.byte(45);
  col.zeroPadded(r.int(100, 999), 3);
  col.byte(45);
  col.zeroPadded(r.int(100, 999), 3);
  col.byte(45);
  col.zeroPadded(r.int(1000, 9999), 4);
  col.end();
}
