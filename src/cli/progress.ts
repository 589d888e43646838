/** A one-line progress bar on a terminal: tasks done / total and bytes fetched. */
import type { QueryProgress } from '../runtime/squall.ts';
import { formatBytes } from '../runtime/explainAnalyze.ts';

export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(p: QueryProgress): void {
    const now = Date.now();
    if (now - this.lastDraw < 80 && p.tasksDone < p.tasksTotal) return;
    this.lastDraw = now;
    const width = 30;
    const frac = p.tasksTotal === 0 ? 1 : p.tasksDone / p.tasksTotal;
    const filled = Math.round(frac * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.out.write(`\r${bar} ${p.tasksDone}/${p.tasksTotal} tasks, ${formatBytes(p.bytesScanned)} `);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.out.write('\r\x1b[2K');
  }
}
