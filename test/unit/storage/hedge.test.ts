import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { HedgeLostError, hedged } from '../../../src/storage/hedge.ts';

/** An attempt that settles after `ms` (fake time) unless aborted, recording what happened. */
interface Scripted {
  readonly ms: number;
  readonly fail?: string;
}
function script(plan: readonly Scripted[]) {
  const started: number[] = [];
  const abortReasons: unknown[] = [];
  const attempt = (signal: AbortSignal, n: 0 | 1): Promise<string> => {
    started.push(n);
    const step = plan[n]!;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => (step.fail !== undefined ? reject(new Error(step.fail)) : resolve(`attempt ${n}`)), step.ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        abortReasons[n] = signal.reason;
        reject(signal.reason);
      });
    });
  };
  return { attempt, started, abortReasons };
}

describe('hedged', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('disabled: one attempt, however slow', async () => {
    const s = script([{ ms: 5000 }]);
    const p = hedged(s.attempt, undefined);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await p).toEqual({ value: 'attempt 0', winner: 0, hedged: false });
    expect(s.started).toEqual([0]);
  });

  test('a prompt attempt is never re-issued', async () => {
    const s = script([{ ms: 10 }]);
    const p = hedged(s.attempt, 100);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await p).toEqual({ value: 'attempt 0', winner: 0, hedged: false });
    expect(s.started).toEqual([0]);
  });

  test('a late attempt is re-issued; the re-issue wins and the straggler is aborted', async () => {
    const s = script([{ ms: 5000 }, { ms: 20 }]);
    const p = hedged(s.attempt, 100);
    await vi.advanceTimersByTimeAsync(120);
    expect(await p).toEqual({ value: 'attempt 1', winner: 1, hedged: true });
    expect(s.started).toEqual([0, 1]);
    expect(s.abortReasons[0]).toBeInstanceOf(HedgeLostError);
    expect(s.abortReasons[1]).toBeUndefined();
  });

  test('when the original finishes first after all, the re-issue is aborted', async () => {
    const s = script([{ ms: 150 }, { ms: 5000 }]);
    const p = hedged(s.attempt, 100);
    await vi.advanceTimersByTimeAsync(150);
    expect(await p).toEqual({ value: 'attempt 0', winner: 0, hedged: true });
    expect(s.abortReasons[1]).toBeInstanceOf(HedgeLostError);
  });

  test('a failure before the deadline is final: not re-issued', async () => {
    const s = script([{ ms: 10, fail: 'NoSuchKey' }]);
    const p = hedged(s.attempt, 100);
    const settled = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(((await settled) as Error).message).toBe('NoSuchKey');
    expect(s.started).toEqual([0]);
  });

  test('once both run, one failure waits for the other', async () => {
    const s = script([{ ms: 300, fail: 'reset' }, { ms: 400 }]);
    const p = hedged(s.attempt, 100);
    await vi.advanceTimersByTimeAsync(500);
    expect(await p).toEqual({ value: 'attempt 1', winner: 1, hedged: true });
  });

  test('both failing rejects with the original attempt’s error', async () => {
    const s = script([{ ms: 300, fail: 'first' }, { ms: 50, fail: 'second' }]);
    const p = hedged(s.attempt, 100);
    const settled = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    expect(((await settled) as Error).message).toBe('first');
  });
});
