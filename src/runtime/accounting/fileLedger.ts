/**
 * The ledger as a JSON-lines file, one entry per line, so a later `squall spend` (another
 * process) sees what earlier CLI queries recorded. Appends are serialized within the process,
 * and each entry is one append(2) of one line, which the OS keeps whole against other
 * processes' appends; before every read and write the file's new lines (ours or another
 * process's) are folded into the totals, and an entry whose query id is already there counts
 * once however often it was written.
 */
import { mkdir, open, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SquallError } from '../../errors.ts';
import { LedgerTotals, type Ledger, type LedgerEntry, type SpendQuery, type SpendRow, type Spender } from './ledger.ts';

/**
 * Where the CLI keeps its ledger unless the config names one: the user's home, not the scratch
 * directory, because the ledger is the user's spending history (scratch is per-query and may be
 * an S3 prefix or a temp dir the OS clears), and the CLI's default --user is the OS user.
 */
export function defaultLedgerFile(): string {
  return path.join(os.homedir(), '.squall', 'ledger.jsonl');
}

export class FileLedger implements Ledger {
  private readonly totals = new LedgerTotals();
  /** Bytes of the file already folded into the totals. */
  private offset = 0;
  private lines = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  record(entry: LedgerEntry): Promise<boolean> {
    return this.serially(async () => {
      await this.refresh();
      if (this.totals.has(entry.queryId)) return false;
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(entry)}\n`);
      await this.refresh();
      return true;
    });
  }

  spend(query: SpendQuery = {}): Promise<SpendRow[]> {
    return this.serially(async () => {
      await this.refresh();
      return this.totals.spend(query);
    });
  }

  spentToday(who: Spender, now = new Date()): Promise<number> {
    return this.serially(async () => {
      await this.refresh();
      return this.totals.spentToday(who, now);
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private serially<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f, f);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Fold in the complete lines written since the last look (a line still being written waits). */
  private async refresh(): Promise<void> {
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new SquallError('STORAGE_ERROR', `Cannot read the ledger ${this.file}: ${(err as Error).message}`);
    }
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return;
      const buf = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(buf, 0, buf.length, this.offset);
      const end = buf.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
        if (line === '') continue;
        this.lines++;
        this.totals.add(parseEntry(line, this.file, this.lines));
      }
      this.offset += end;
    } finally {
      await handle.close();
    }
  }
}

function parseEntry(line: string, file: string, n: number): LedgerEntry {
  let e: Partial<LedgerEntry>;
  try {
    e = JSON.parse(line) as Partial<LedgerEntry>;
  } catch {
    e = {};
  }
  if (
    typeof e.queryId !== 'string' ||
    typeof e.user !== 'string' ||
    !(typeof e.source === 'string' || e.source === null) ||
    typeof e.endedAt !== 'number' ||
    typeof e.costUsd !== 'number'
  ) {
    throw new SquallError('STORAGE_ERROR', `Ledger ${file} line ${n} is not a ledger entry`);
  }
  return e as LedgerEntry;
}
