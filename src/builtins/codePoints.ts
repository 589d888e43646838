/**
 * Code point helpers over JS (UTF-16) strings: Trino's string functions count and index code
 * points, so a supplementary character is one position, not two.
 */

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Whether s has no surrogate pairs (then code points and UTF-16 units coincide). */
export function isBmp(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}

export function countCodePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/** The UTF-16 offset of code point number `cp` (0-based), or s.length when past the end. */
export function offsetOfCodePoint(s: string, cp: number): number {
  let i = 0;
  let n = 0;
  while (i < s.length && n < cp) {
    i += isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    n++;
  }
  return i;
}

/** The number of code points in s[0 .. offset). */
export function codePointsBefore(s: string, offset: number): number {
  return countCodePoints(s.slice(0, offset));
}

/** Code points [from, to) of s (0-based, clamped). */
export function sliceCodePoints(s: string, from: number, to: number): string {
  if (isBmp(s)) return s.slice(from, to);
  const a = offsetOfCodePoint(s, from);
  const b = offsetOfCodePoint(s, to);
  return s.slice(a, b);
}

/** Java's Character.isWhitespace, which Trino's trim uses. */
export function isJavaWhitespace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x2006) ||
    (cp >= 0x2008 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Map each code point on its own (Java's Character.toLowerCase/toUpperCase), no context rules. */
export function mapCodePoints(s: string, upper: boolean): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    // A mapping to several code points ('ß' → 'SS') is not a single-character case mapping.
    out += m.length === ch.length || [...m].length === 1 ? m : ch;
  }
  return out;
}
