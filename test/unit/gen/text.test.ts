import { describe, expect, it } from 'vitest';
import { Utf8Column } from '../../../src/gen/tpch/columns.ts';
import { ADJECTIVES, ADVERBS, AUXILIARIES, NOUNS, PREPOSITIONS, VERBS } from '../../../src/gen/tpch/distributions.ts';
import { RowRandom, seedOf } from '../../../src/gen/tpch/random.ts';
import { TEXT_POOL_BYTES, buildPool, comment, phone, textPool, vstring } from '../../../src/gen/tpch/text.ts';

function values(col: Utf8Column): string[] {
  const data = col.finish();
  const out: string[] = [];
  const offsets = data.valueOffsets;
  const bytes = data.values;
  for (let i = 0; i < data.length; i++) out.push(new TextDecoder().decode(bytes.subarray(offsets[i]!, offsets[i + 1]!)));
  return out;
}

describe('tpch text', () => {
  it('builds the pool deterministically from the grammar words only', () => {
    const pool = textPool();
    expect(pool.length).toBe(TEXT_POOL_BYTES);
    expect(buildPool(1 << 16)).toEqual(pool.subarray(0, 1 << 16));
    const vocabulary = new Set(
      [NOUNS, VERBS, ADJECTIVES, ADVERBS, PREPOSITIONS, AUXILIARIES].flatMap((d) => d.words.flatMap((w) => w.split(' '))).concat('the'),
    );
    const sample = new TextDecoder().decode(pool.subarray(0, 50_000));
    const words = sample.split(/[ ,.;:?!]+|--/).filter((w) => w !== '');
    // The last word may be cut by the sample boundary.
    for (const w of words.slice(0, -1)) expect(vocabulary.has(w), w).toBe(true);
    for (const needle of ['special', 'requests', 'pending', 'deposits']) expect(sample).toContain(needle);
  });

  it('cuts comments of the requested length range out of the pool', () => {
    const col = new Utf8Column(2_000, 30);
    const r = new RowRandom(seedOf('test.comment'));
    for (let row = 0; row < 2_000; row++) comment(col, r.at(row), 10, 43);
    const pool = new TextDecoder().decode(textPool());
    const out = values(col);
    const lengths = out.map((s) => s.length);
    expect(Math.min(...lengths)).toBe(10);
    expect(Math.max(...lengths)).toBe(43);
    for (const s of out.slice(0, 50)) expect(pool.includes(s)).toBe(true);
  });

  it('formats phone numbers with the nation country code', () => {
    const col = new Utf8Column(100, 15);
    const r = new RowRandom(seedOf('test.phone'));
    for (let row = 0; row < 100; row++) phone(col, r.at(row), row % 25);
    values(col).forEach((p, row) => {
      expect(p).toMatch(/^\d{2}-[1-9]\d{2}-[1-9]\d{2}-[1-9]\d{3}$/);
      expect(Number(p.slice(0, 2))).toBe((row % 25) + 10);
    });
  });

  it('makes v-strings of [min, max] characters from a 64-symbol alphabet', () => {
    const col = new Utf8Column(1_000, 25);
    const r = new RowRandom(seedOf('test.vstring'));
    for (let row = 0; row < 1_000; row++) vstring(col, r.at(row), 10, 40);
    const out = values(col);
    for (const s of out) {
      expect(s.length).toBeGreaterThanOrEqual(10);
      expect(s.length).toBeLessThanOrEqual(40);
      expect(s).toMatch(/^[0-9a-zA-Z ,]+$/);
    }
    expect(new Set(out.join('')).size).toBe(64);
  });
});
