/**
 * Result output: aligned tables like the Trino CLI's; the JSON contract of ARCHITECTURE.md, CSV
 * and NDJSON come from src/runtime/resultFormats.ts.
 */
import type { OutputColumn } from '../plan/logical.ts';
import { cellText } from '../runtime/resultFormats.ts';
import type { ClientValue } from '../types/clientJson.ts';
import { isNumeric } from '../types/sqlType.ts';

// JSON, CSV and NDJSON are written by the runtime too (scheduled reports).
export { clientRows, formatCsv, formatJson, formatNdjson } from '../runtime/resultFormats.ts';

export type OutputFormat = 'table' | 'json' | 'csv' | 'ndjson';

/** Display width: code points, wide East Asian characters counting two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, align: 'left' | 'right' | 'center'): string {
  const gap = width - displayWidth(s);
  if (gap <= 0) return s;
  if (align === 'right') return ' '.repeat(gap) + s;
  if (align === 'left') return s + ' '.repeat(gap);
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + s + ' '.repeat(gap - left);
}

/** Trino CLI's aligned format: centered headers, numbers right-aligned, `(N rows)`. */
export function formatTable(columns: readonly OutputColumn[], rows: readonly ClientValue[][]): string {
  const texts = rows.map((r) => r.map(cellText));
  const widths = columns.map((c, j) => Math.max(displayWidth(c.name), ...texts.map((r) => displayWidth(r[j]!))));
  const numeric = columns.map((c) => isNumeric(c.type));
  const lines: string[] = [];
  lines.push(columns.map((c, j) => ` ${pad(c.name, widths[j]!, 'center')} `).join('|'));
  lines.push(widths.map((w) => '-'.repeat(w + 2)).join('+'));
  for (const r of texts) lines.push(r.map((t, j) => ` ${pad(t, widths[j]!, numeric[j] ? 'right' : 'left')} `).join('|'));
  lines.push(`(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`);
  return lines.join('\n') + '\n';
}
