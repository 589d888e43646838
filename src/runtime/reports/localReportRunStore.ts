/**
 * Report runs in a local JSON lines file (default `.squall/report-runs.jsonl` beside the config):
 * one line per change of a run, the last line of a (report, runId) being its current record.
 *
 * Why a file beside the config rather than beside the outputs: destinations may be S3 prefixes,
 * where a file cannot be appended to or conditionally replaced, and the record of what ran belongs
 * to the installation that runs the schedules, as the config does. One file for all reports lets
 * `squall report list` read every report's history at once.
 *
 * Claims and ends are conditional: they run under an exclusive lock file, so the scheduler of
 * `squall serve` and a `squall report run` in another process never both claim a run. A torn last
 * line (a crash mid-append) is ignored.
 */
import { mkdir, open, readFile, stat, unlink, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SquallError } from '../../errors.ts';
import { RUN_STATES, type ReportRun, type ReportRunStore } from './reportRunStore.ts';

export interface LocalReportRunStoreOptions {
  /** How long a lock may be held before it is taken as left by a dead process (default 30 s). */
  readonly staleLockMs?: number;
  /** How long to wait for the lock before giving up (default 10 s). */
  readonly lockTimeoutMs?: number;
}

export class LocalReportRunStore implements ReportRunStore {
  private readonly file: string;
  private readonly lockFile: string;

  constructor(location: string, private readonly opts: LocalReportRunStoreOptions = {}) {
    this.file = location.startsWith('file:') ? fileURLToPath(location) : location;
    this.lockFile = `${this.file}.lock`;
  }

  async claim(run: ReportRun, staleBefore: string): Promise<boolean> {
    return this.locked(async () => {
      const existing = (await this.readAll()).get(key(run.report, run.runId));
      if (existing !== undefined && !(existing.state === 'RUNNING' && existing.startedAt < staleBefore)) return false;
      await appendFile(this.file, `${JSON.stringify(run)}\n`);
      return true;
    });
  }

  async finish(run: ReportRun): Promise<boolean> {
    return this.locked(async () => {
      const existing = (await this.readAll()).get(key(run.report, run.runId));
      if (existing === undefined || existing.state !== 'RUNNING' || existing.claim !== run.claim) return false;
      await appendFile(this.file, `${JSON.stringify(run)}\n`);
      return true;
    });
  }

  async get(report: string, runId: string): Promise<ReportRun | undefined> {
    return (await this.readAll()).get(key(report, runId));
  }

  async list(report: string, limit: number): Promise<ReportRun[]> {
    const runs = [...(await this.readAll()).values()].filter((r) => r.report === report);
    return runs.sort((a, b) => (a.runId < b.runId ? 1 : a.runId > b.runId ? -1 : 0)).slice(0, limit);
  }

  private async readAll(): Promise<Map<string, ReportRun>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw err;
    }
    const runs = new Map<string, ReportRun>();
    for (const line of text.split('\n')) {
      const run = parseLine(line);
      if (run !== undefined) runs.set(key(run.report, run.runId), run);
    }
    return runs;
  }

  private async locked<T>(f: () => Promise<T>): Promise<T> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const deadline = Date.now() + (this.opts.lockTimeoutMs ?? 10_000);
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(this.lockFile, 'wx');
        await handle.close();
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const age = await stat(this.lockFile).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > (this.opts.staleLockMs ?? 30_000)) {
        await unlink(this.lockFile).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) {
        throw new SquallError('STORAGE_ERROR', `The report run store ${this.file} is locked (remove ${this.lockFile} if no squall process is running)`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 2)));
    }
    try {
      return await f();
    } finally {
      await unlink(this.lockFile).catch(() => undefined);
    }
  }
}

function key(report: string, runId: string): string {
  return `${report}\u0000${runId}`;
}

function parseLine(line: string): ReportRun | undefined {
  if (line.trim() === '') return undefined;
  try {
    const run = JSON.parse(line) as ReportRun;
    return typeof run.report === 'string' && typeof run.runId === 'string' && RUN_STATES.includes(run.state) ? run : undefined;
  } catch {
    return undefined;
  }
}
