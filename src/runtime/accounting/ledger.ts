/**
 * The ledger of what queries cost: one entry per query (recording the same query again changes
 * nothing), totals per UTC day, user and source. Amounts are kept as integer nano-dollars so
 * totals are exact sums of the entries; the interface speaks dollars.
 */
export interface LedgerEntry {
  readonly queryId: string;
  readonly user: string;
  readonly source: string | null;
  /** Epoch milliseconds when the query ended; its UTC day is the day it is counted on. */
  readonly endedAt: number;
  /** What was billed at list prices (a failed or stopped query's too). */
  readonly costUsd: number;
  readonly state: 'FINISHED' | 'FAILED';
  /** The error code of a failed query (USER_CANCELED, EXCEEDED_COST_LIMIT, …). */
  readonly errorCode?: string;
}

export interface SpendQuery {
  readonly user?: string;
  readonly source?: string;
  /** First UTC day included, YYYY-MM-DD (default: 30 days before `until`). */
  readonly since?: string;
  /** Last UTC day included, YYYY-MM-DD (default: today). */
  readonly until?: string;
}

/** The queries of one user from one source on one day. */
export interface SpendRow {
  readonly day: string;
  readonly user: string;
  readonly source: string | null;
  readonly queries: number;
  readonly costUsd: number;
}

export type Spender = { readonly user: string } | { readonly source: string };

export interface Ledger {
  /** Adds the query's cost once: true if this call recorded it, false if it was already there. */
  record(entry: LedgerEntry): Promise<boolean>;
  /** Totals per day, user and source, ordered by day, user, source. */
  spend(query?: SpendQuery): Promise<SpendRow[]>;
  /** What the user or source has spent on the current UTC day. */
  spentToday(who: Spender, now?: Date): Promise<number>;
  close(): Promise<void>;
}

export const NANO_PER_USD = 1e9;

export function toNano(usd: number): number {
  return Math.round(usd * NANO_PER_USD);
}

export function fromNano(nano: number): number {
  return nano / NANO_PER_USD;
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(at: number | Date): string {
  return new Date(at).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** The days a spend query covers, checked (at most a year and a day). */
export function spendDays(q: SpendQuery, now = new Date()): { since: string; until: string } {
  const until = q.until ?? utcDay(now);
  const since = q.since ?? utcDay(Date.parse(`${until}T00:00:00Z`) - 30 * DAY_MS);
  return { since, until };
}

/** Every day from `since` to `until`, inclusive. */
export function daysBetween(since: string, until: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${since}T00:00:00Z`); t <= Date.parse(`${until}T00:00:00Z`); t += DAY_MS) out.push(utcDay(t));
  return out;
}

export function compareRows(a: SpendRow, b: SpendRow): number {
  return a.day.localeCompare(b.day) || a.user.localeCompare(b.user) || (a.source ?? '').localeCompare(b.source ?? '');
}

/**
 * Totals kept in memory, folded from entries: the in-process ledger, and the file ledger's
 * index of its file.
 */
export class LedgerTotals {
  private readonly ids = new Set<string>();
  /** day → user → source ('' for none) → totals in nano-dollars. */
  private readonly rows = new Map<string, { day: string; user: string; source: string | null; queries: number; nano: number }>();
  private readonly today = new Map<string, number>();

  has(queryId: string): boolean {
    return this.ids.has(queryId);
  }

  add(e: LedgerEntry): boolean {
    if (this.ids.has(e.queryId)) return false;
    this.ids.add(e.queryId);
    const day = utcDay(e.endedAt);
    const nano = toNano(e.costUsd);
    const key = JSON.stringify([day, e.user, e.source]);
    const row = this.rows.get(key) ?? { day, user: e.user, source: e.source, queries: 0, nano: 0 };
    row.queries++;
    row.nano += nano;
    this.rows.set(key, row);
    for (const k of [`u:${day}:${e.user}`, ...(e.source !== null ? [`s:${day}:${e.source}`] : [])]) this.today.set(k, (this.today.get(k) ?? 0) + nano);
    return true;
  }

  spend(q: SpendQuery = {}): SpendRow[] {
    const { since, until } = spendDays(q);
    return [...this.rows.values()]
      .filter((r) => r.day >= since && r.day <= until && (q.user === undefined || r.user === q.user) && (q.source === undefined || r.source === q.source))
      .map((r) => ({ day: r.day, user: r.user, source: r.source, queries: r.queries, costUsd: fromNano(r.nano) }))
      .sort(compareRows);
  }

  spentToday(who: Spender, now = new Date()): number {
    const day = utcDay(now);
    return fromNano(this.today.get('user' in who ? `u:${day}:${who.user}` : `s:${day}:${who.source}`) ?? 0);
  }
}

/** A ledger that lives as long as the process (the library's default; tests). */
export class MemoryLedger implements Ledger {
  private readonly totals = new LedgerTotals();

  async record(entry: LedgerEntry): Promise<boolean> {
    return this.totals.add(entry);
  }

  async spend(query: SpendQuery = {}): Promise<SpendRow[]> {
    return this.totals.spend(query);
  }

  async spentToday(who: Spender, now = new Date()): Promise<number> {
    return this.totals.spentToday(who, now);
  }

  async close(): Promise<void> {}
}
