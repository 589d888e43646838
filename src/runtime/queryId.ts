/** Trino-style query ids (20261121_093012_00042_ab3kx): UTC time, a per-process sequence, random letters. */
import { randomBytes } from 'node:crypto';

let sequence = 0;

export function newQueryId(): string {
  const d = new Date();
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  return `${stamp}_${p(++sequence, 5)}_${randomBytes(4).toString('hex').slice(0, 5)}`;
}
