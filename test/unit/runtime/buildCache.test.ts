/** The warm worker's build-side cache: bounded by bytes (least recently used first) and by age. */
import { describe, expect, it } from 'vitest';
import { JoinHashTable } from '../../../src/exec/joinHashTable.ts';
import { BuildCache, type CachedBuild } from '../../../src/runtime/engine/buildCache.ts';

function entry(bytes: number): CachedBuild {
  return { built: { table: new JoinHashTable({ columns: [], length: 0 }, [], []), bytes }, reads: [] };
}

describe('BuildCache', () => {
  it('evicts the least recently used entries to stay within its capacity', () => {
    const cache = new BuildCache();
    const a = entry(40);
    cache.set('a', a, 100, 0);
    cache.set('b', entry(40), 100, 0);
    expect(cache.get('a', 0)).toBe(a); // a is now the most recently used
    cache.set('c', entry(40), 100, 0);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(a);
    expect(cache.bytes).toBe(80);
  });

  it('keeps nothing larger than its capacity', () => {
    const cache = new BuildCache();
    expect(cache.set('big', entry(101), 100, 0)).toBe(false);
    expect(cache.get('big', 0)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('drops entries older than a query lasts', () => {
    const cache = new BuildCache();
    cache.set('a', entry(10), 100, 0);
    expect(cache.get('a', 60_000)).toBeDefined();
    expect(cache.get('a', 11 * 60_000)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('replacing a key frees what the old entry held', () => {
    const cache = new BuildCache();
    cache.set('a', entry(60), 100, 0);
    cache.set('a', entry(70), 100, 0);
    expect(cache.bytes).toBe(70);
  });
});
