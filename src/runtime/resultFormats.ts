/**
 * Results as text: the JSON contract of ARCHITECTURE.md (values in Trino client-protocol
 * encoding), CSV (RFC 4180 quoting, a header row) and NDJSON. The CLI prints them; scheduled
 * reports write them to their destinations.
 */
import type { OutputColumn } from '../plan/logical.ts';
import { toClientJson, type ClientValue } from '../types/clientJson.ts';
import { formatType } from '../types/sqlType.ts';
import { valueAt, type Batch } from '../types/vector.ts';

export function clientRows(columns: readonly OutputColumn[], batch: Batch): ClientValue[][] {
  const rows: ClientValue[][] = [];
  for (let r = 0; r < batch.length; r++) rows.push(columns.map((c, j) => toClientJson(valueAt(batch.columns[j]!, r), c.type)));
  return rows;
}

export function cellText(v: ClientValue): string {
  if (v === null) return 'NULL';
  if (Array.isArray(v) || typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function formatJson(columns: readonly OutputColumn[], rows: readonly (readonly ClientValue[])[], stats: unknown): string {
  return JSON.stringify({ columns: columns.map((c) => ({ name: c.name, type: formatType(c.type) })), rows, stats }) + '\n';
}

function csvField(v: ClientValue): string {
  if (v === null) return '';
  const s = cellText(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row, then one line per row; NULL is an empty field. RFC 4180 ends lines with CRLF. */
export function formatCsv(columns: readonly OutputColumn[], rows: readonly ClientValue[][], lineEnd: '\n' | '\r\n' = '\n'): string {
  const lines = [columns.map((c) => csvField(c.name)).join(','), ...rows.map((r) => r.map(csvField).join(','))];
  return lines.join(lineEnd) + lineEnd;
}

export function formatNdjson(columns: readonly OutputColumn[], rows: readonly ClientValue[][]): string {
  return rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c, j) => [c.name, r[j]])))).join('\n') + (rows.length ? '\n' : '');
}
