/**
 * `squall spend`: the ledger's totals per day, user and source (queries and cost at list
 * prices), and the CLI's ledger: the config's `accounting.ledger`, else ~/.squall/ledger.jsonl.
 */
import type { SquallConfig } from '../config/config.ts';
import { ConfigError } from '../errors.ts';
import { usd } from '../runtime/accounting/costLimits.ts';
import { defaultLedgerFile, FileLedger } from '../runtime/accounting/fileLedger.ts';
import { spendDays, type Ledger, type SpendRow } from '../runtime/accounting/ledger.ts';
import { openLedger } from '../runtime/accounting/openLedger.ts';
import { BIGINT, DOUBLE, VARCHAR } from '../types/sqlType.ts';
import { checkFlags, choiceFlag, stringFlag, type ParsedArgs } from './args.ts';
import { formatTable } from './format.ts';

export function cliLedger(config: SquallConfig): Promise<Ledger> {
  return openLedger(config.accounting, () => new FileLedger(defaultLedgerFile()));
}

function dayFlag(args: ParsedArgs, name: string): string | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new ConfigError('INVALID_ARGUMENTS', `--${name} must be a date YYYY-MM-DD, got '${v}'`);
  }
  return v;
}

export async function runSpend(args: ParsedArgs, config: SquallConfig): Promise<number> {
  checkFlags(args, ['config', 'user', 'source', 'since', 'until', 'format']);
  const format = choiceFlag(args, 'format', ['table', 'json'] as const) ?? 'table';
  const user = stringFlag(args, 'user');
  const source = stringFlag(args, 'source');
  const query = {
    ...(user !== undefined ? { user } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(dayFlag(args, 'since') !== undefined ? { since: dayFlag(args, 'since')! } : {}),
    ...(dayFlag(args, 'until') !== undefined ? { until: dayFlag(args, 'until')! } : {}),
  };
  const { since, until } = spendDays(query);
  if (since > until) throw new ConfigError('INVALID_ARGUMENTS', `--since ${since} is after --until ${until}`);
  const ledger = await cliLedger(config);
  let rows: SpendRow[];
  try {
    rows = await ledger.spend({ ...query, since, until });
  } finally {
    await ledger.close();
  }
  const total = { queries: rows.reduce((n, r) => n + r.queries, 0), costUsd: rows.reduce((s, r) => s + r.costUsd, 0) };
  if (format === 'json') {
    const byUser = new Map<string, { user: string; queries: number; costUsd: number }>();
    for (const r of rows) {
      const u = byUser.get(r.user) ?? { user: r.user, queries: 0, costUsd: 0 };
      byUser.set(r.user, { user: r.user, queries: u.queries + r.queries, costUsd: u.costUsd + r.costUsd });
    }
    process.stdout.write(`${JSON.stringify({ since, until, rows, byUser: [...byUser.values()], total })}\n`);
    return 0;
  }
  // Numeric types right-align the figures.
  const columns = [
    { name: 'day', type: VARCHAR },
    { name: 'user', type: VARCHAR },
    { name: 'source', type: VARCHAR },
    { name: 'queries', type: BIGINT },
    { name: 'cost', type: DOUBLE },
  ];
  const cells = rows.map((r) => [r.day, r.user, r.source, r.queries, usd(r.costUsd)]);
  process.stdout.write(formatTable(columns, cells));
  process.stdout.write(`Total ${since} to ${until}: ${total.queries} ${total.queries === 1 ? 'query' : 'queries'}, ${usd(total.costUsd)}\n`);
  return 0;
}
