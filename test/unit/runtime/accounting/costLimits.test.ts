/** Caps from the accounting config and the ledger, and the messages that name them. */
import { describe, expect, it } from 'vitest';
import { capsFor, checkEstimate, describeCap, stoppedError, tightestCap, usd } from '../../../../src/runtime/accounting/costLimits.ts';
import { MemoryLedger } from '../../../../src/runtime/accounting/ledger.ts';

const NOW = new Date('2026-05-05T12:00:00Z');

describe('capsFor', () => {
  it("takes the user's limits (else the default) and the source's, daily ones less today's spend", async () => {
    const ledger = new MemoryLedger();
    await ledger.record({ queryId: 'q1', user: 'alice', source: 'grafana', endedAt: NOW.getTime() - 1000, costUsd: 0.25, state: 'FINISHED' });
    await ledger.record({ queryId: 'q0', user: 'alice', source: 'grafana', endedAt: NOW.getTime() - 86_400_000, costUsd: 5, state: 'FINISHED' });
    const accounting = { users: { alice: { perQueryUsd: 0.1, dailyUsd: 1 } }, sources: { grafana: { dailyUsd: 2 } }, default: { perQueryUsd: 0.01 } };
    expect(await capsFor(accounting, { user: 'alice', source: 'grafana' }, ledger, NOW)).toEqual([
      { usd: 0.1, kind: 'perQuery', scope: 'user', name: 'alice' },
      { usd: 0.75, kind: 'daily', scope: 'user', name: 'alice', budgetUsd: 1 },
      { usd: 1.75, kind: 'daily', scope: 'source', name: 'grafana', budgetUsd: 2 },
    ]);
    expect(await capsFor(accounting, { user: 'bob', source: null }, ledger, NOW)).toEqual([{ usd: 0.01, kind: 'perQuery', scope: 'user', name: 'bob' }]);
    expect(await capsFor(undefined, { user: 'bob', source: null }, ledger, NOW)).toEqual([]);
    await ledger.record({ queryId: 'q2', user: 'alice', source: null, endedAt: NOW.getTime(), costUsd: 3, state: 'FINISHED' });
    expect((await capsFor(accounting, { user: 'alice', source: null }, ledger, NOW))[1]).toMatchObject({ usd: 0 });
  });
});

describe('checkEstimate', () => {
  const caps = [
    { usd: 0.01, kind: 'perQuery', scope: 'user', name: 'alice' },
    { usd: 0.005, kind: 'daily', scope: 'source', name: 'cli', budgetUsd: 1 },
  ] as const;

  it('passes an estimate within every cap, and refuses one past the tightest with both figures', () => {
    expect(() => checkEstimate(0.005, caps)).not.toThrow();
    expect(() => checkEstimate(0.0123, [caps[0]])).toThrow('Query estimated to cost $0.0123 exceeds the per-query cap of $0.0100 for user alice');
    expect(() => checkEstimate(0.0123, caps)).toThrow(
      'Query estimated to cost $0.0123 exceeds the $0.00500 left today of the daily budget of $1.0000 for source cli',
    );
    try {
      checkEstimate(1, caps);
    } catch (err) {
      expect(err).toMatchObject({ code: 'EXCEEDED_COST_LIMIT', type: 'INSUFFICIENT_RESOURCES' });
    }
    expect(tightestCap([])).toBeNull();
  });

  it('words the stop of a running query', () => {
    expect(stoppedError('q9', 0.02, caps[0]).message).toBe('Query q9 was stopped after spending $0.0200, past the per-query cap of $0.0100 for user alice');
    expect(describeCap({ usd: 0, kind: 'daily', scope: 'user', name: 'x', budgetUsd: 0.5 })).toBe('the $0.0000 left today of the daily budget of $0.5000 for user x');
  });

  it('prints small amounts to three significant digits', () => {
    expect(usd(0.0123)).toBe('$0.0123');
    expect(usd(0.0000312)).toBe('$0.0000312');
    expect(usd(0.00000999999999)).toBe('$0.0000100');
    expect(usd(0)).toBe('$0.0000');
    expect(usd(12.5)).toBe('$12.5000');
  });
});
