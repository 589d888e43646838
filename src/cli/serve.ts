/** `squall serve`: the Trino-protocol query service on one machine (node:http over the engine). */
import { resultStoreFor } from '../runtime/api/objectStoreResultStore.ts';
import { MemoryQueryStore } from '../runtime/api/queryStore.ts';
import { startHttpServer } from '../runtime/api/httpServer.ts';
import { StatementService } from '../runtime/api/statementService.ts';
import { startReportScheduler } from '../runtime/reports/reports.ts';
import { Squall } from '../runtime/squall.ts';
import { checkFlags, intFlag, stringFlag, type ParsedArgs } from './args.ts';
import { cliLedger } from './spend.ts';
import type { SquallConfig } from '../config/config.ts';

export async function runServe(args: ParsedArgs, config: SquallConfig): Promise<number> {
  checkFlags(args, ['config', 'port', 'host', 'workers']);
  const port = intFlag(args, 'port', 0, 65535) ?? 8080;
  const host = stringFlag(args, 'host') ?? '127.0.0.1';
  const workers = intFlag(args, 'workers', 1, 256);
  // Listen before saying we are up: a SIGINT sent on reading that line must stop us, not kill us.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const ledger = await cliLedger(config);
  const squall = new Squall({ config, ...(workers !== undefined ? { workers } : {}), ledger });
  const service = new StatementService({ engine: squall, store: new MemoryQueryStore(), results: resultStoreFor(config), auth: config.auth });
  const running = await startHttpServer(service, port, host);
  process.stderr.write(`squall serve: Trino protocol on ${running.url}/v1/statement${config.auth ? ' (token auth)' : ''}\n`);
  const scheduler = await startReportScheduler(config, squall, (line) => process.stderr.write(`squall serve: ${line}\n`));
  if (scheduler) process.stderr.write(`squall serve: scheduling ${config.reports!.length} report(s) (UTC)\n`);
  await stopped;
  await scheduler?.stop();
  await running.close();
  await squall.close();
  await ledger.close();
  return 0;
}
