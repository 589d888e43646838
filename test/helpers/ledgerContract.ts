/** What every Ledger must do: one suite, run against each implementation. */
import { expect, it } from 'vitest';
import type { Ledger, LedgerEntry } from '../../src/runtime/accounting/ledger.ts';

let counter = 0;
const DAY1 = Date.parse('2026-03-01T10:00:00Z');
const DAY2 = Date.parse('2026-03-02T23:59:59Z');
const DAY3 = Date.parse('2026-03-03T00:00:01Z');

export function entry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  counter++;
  return { queryId: `20260301_000000_${String(counter).padStart(5, '0')}_ledgr`, user: 'u', source: null, endedAt: DAY1, costUsd: 0.000123, state: 'FINISHED', ...overrides };
}

/** A user name no other test of the suite uses (the ledger is shared). */
const fresh = (stem: string): string => `${stem}-${++counter}`;

export function ledgerContract(ledger: () => Ledger): void {
  it('records a query once: a repeated record adds nothing', async () => {
    const user = fresh('once');
    const e = entry({ user, costUsd: 0.0004321 });
    expect(await ledger().record(e)).toBe(true);
    expect(await ledger().record(e)).toBe(false);
    expect(await ledger().record({ ...e, costUsd: 99 })).toBe(false);
    expect(await ledger().spend({ user, since: '2026-03-01', until: '2026-03-01' })).toEqual([{ day: '2026-03-01', user, source: null, queries: 1, costUsd: 0.0004321 }]);
  });

  it('totals per UTC day, user and source, ordered; filters by user, source and days', async () => {
    const a = fresh('ann');
    const b = fresh('ben');
    const src = fresh('grafana');
    await ledger().record(entry({ user: a, source: src, endedAt: DAY1, costUsd: 0.001 }));
    await ledger().record(entry({ user: a, source: src, endedAt: DAY1 + 1000, costUsd: 0.002 }));
    await ledger().record(entry({ user: a, source: null, endedAt: DAY1, costUsd: 0.0005, state: 'FAILED', errorCode: 'USER_CANCELED' }));
    await ledger().record(entry({ user: a, source: src, endedAt: DAY2, costUsd: 0.004 }));
    await ledger().record(entry({ user: b, source: src, endedAt: DAY3, costUsd: 0.008 }));
    const all = (await ledger().spend({ since: '2026-03-01', until: '2026-03-03' })).filter((r) => r.user === a || r.user === b);
    expect(all).toEqual([
      { day: '2026-03-01', user: a, source: null, queries: 1, costUsd: 0.0005 },
      { day: '2026-03-01', user: a, source: src, queries: 2, costUsd: 0.003 },
      { day: '2026-03-02', user: a, source: src, queries: 1, costUsd: 0.004 },
      { day: '2026-03-03', user: b, source: src, queries: 1, costUsd: 0.008 },
    ]);
    expect(await ledger().spend({ user: b, since: '2026-03-01', until: '2026-03-03' })).toEqual([all[3]]);
    expect((await ledger().spend({ source: src, since: '2026-03-02', until: '2026-03-03' })).map((r) => r.costUsd)).toEqual([0.004, 0.008]);
    expect(await ledger().spend({ user: a, since: '2026-03-02', until: '2026-03-02' })).toEqual([all[2]]);
    expect(await ledger().spend({ user: a, since: '2026-02-01', until: '2026-02-28' })).toEqual([]);
  });

  it("knows a user's and a source's spend on the current UTC day only", async () => {
    const user = fresh('day');
    const source = fresh('cli');
    await ledger().record(entry({ user, source, endedAt: DAY1, costUsd: 0.25 }));
    await ledger().record(entry({ user, source: null, endedAt: DAY1 + 60_000, costUsd: 0.5 }));
    await ledger().record(entry({ user, source, endedAt: DAY2, costUsd: 1 }));
    expect(await ledger().spentToday({ user }, new Date(DAY1 + 3_600_000))).toBe(0.75);
    expect(await ledger().spentToday({ source }, new Date(DAY1 + 3_600_000))).toBe(0.25);
    expect(await ledger().spentToday({ user }, new Date(DAY2))).toBe(1);
    expect(await ledger().spentToday({ user }, new Date(DAY3))).toBe(0);
    expect(await ledger().spentToday({ user: fresh('nobody') }, new Date(DAY1))).toBe(0);
  });

  it('loses no entry of 50 queries recorded at once, and sums them exactly', async () => {
    const user = fresh('busy');
    const source = fresh('dash');
    const costs = Array.from({ length: 50 }, (_x, i) => 0.000001 * (i + 1) + 1e-10 * i);
    const results = await Promise.all(costs.map((costUsd) => ledger().record(entry({ user, source, costUsd }))));
    expect(results.every((r) => r)).toBe(true);
    const [row] = await ledger().spend({ user, since: '2026-03-01', until: '2026-03-01' });
    expect(row?.queries).toBe(50);
    // Integer nano-dollars: the sum of the rounded entries, exactly.
    const nano = costs.reduce((s, c) => s + Math.round(c * 1e9), 0);
    expect(row?.costUsd).toBe(nano / 1e9);
    expect(await ledger().spentToday({ source }, new Date(DAY1))).toBe(nano / 1e9);
  });

  it('counts a query once when the same record races itself', async () => {
    const user = fresh('race');
    const e = entry({ user, costUsd: 0.01 });
    const results = await Promise.all(Array.from({ length: 8 }, () => ledger().record(e)));
    expect(results.filter((r) => r)).toHaveLength(1);
    expect(await ledger().spentToday({ user }, new Date(DAY1))).toBe(0.01);
  });

  it('keeps names with separators and non-ASCII apart', async () => {
    const a = `${fresh('x')}#source#y`;
    const b = `${a.split('#')[0]}`;
    await ledger().record(entry({ user: a, source: 'é/#', costUsd: 0.1 }));
    await ledger().record(entry({ user: b, source: 'y', costUsd: 0.2 }));
    expect(await ledger().spentToday({ user: a }, new Date(DAY1))).toBe(0.1);
    expect(await ledger().spentToday({ user: b }, new Date(DAY1))).toBe(0.2);
    expect(await ledger().spend({ user: a, since: '2026-03-01', until: '2026-03-01' })).toEqual([{ day: '2026-03-01', user: a, source: 'é/#', queries: 1, costUsd: 0.1 }]);
  });
}
