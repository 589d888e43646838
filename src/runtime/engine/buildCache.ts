/**
 * Broadcast build sides kept by a warm worker (a Lambda execution environment, a local worker
 * thread) for the next task of the same stage: that task neither reads the build side's objects
 * again nor rebuilds the table. Safe within a query because exchange keys are deterministic and
 * a retried producer overwrites its object with the same rows; keys carry the query id, so
 * nothing is shared between queries. Bounded by bytes (least recently used goes first) and by
 * age, since a warm worker does not learn when a query ends.
 */
import type { BuiltSide } from '../../exec/taskExecutor.ts';
import type { RemoteSourceNode } from '../../plan/logical.ts';
import type { ReadObject } from './exchange.ts';

/** The exchange reads a build made, so a task reusing it accounts for them as if it had read them. */
export interface RecordedRead {
  readonly node: RemoteSourceNode;
  readonly objects: readonly ReadObject[];
}

export interface CachedBuild {
  readonly built: BuiltSide;
  readonly reads: readonly RecordedRead[];
}

/** A query's stages run within minutes; an older entry belongs to a query that has ended. */
const MAX_AGE_MS = 10 * 60 * 1000;

interface Entry {
  readonly value: CachedBuild;
  readonly at: number;
}

export class BuildCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  get bytes(): number {
    return this.held;
  }

  get(key: string, now = Date.now()): CachedBuild | undefined {
    this.expire(now);
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Keep `value` if it fits in `capacity` bytes, evicting the least recently used. */
  set(key: string, value: CachedBuild, capacity: number, now = Date.now()): boolean {
    this.remove(key);
    if (value.built.bytes > capacity) return false;
    while (this.held + value.built.bytes > capacity) this.remove(this.entries.keys().next().value!);
    this.entries.set(key, { value, at: now });
    this.held += value.built.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  private expire(now: number): void {
    for (const [key, e] of this.entries) if (now - e.at > MAX_AGE_MS) this.remove(key);
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (e === undefined) return;
    this.entries.delete(key);
    this.held -= e.value.built.bytes;
  }
}

/** This worker's cache. */
export const buildCache = new BuildCache();
