/**
 * Compiling SQL LIKE patterns. `%` matches any sequence and `_` exactly one code point; the
 * whole value must match. Patterns without `_` (the common prefix/suffix/contains shapes) match
 * by searching literal segments in order, directly on UTF-8 bytes for binary storage (UTF-8 is
 * self-synchronising, so a byte match of valid UTF-8 is a code point match); patterns with `_`
 * compile to an anchored RegExp over code points.
 */
import { ExecError } from '../errors.ts';
import { decodeUtf8, encodeUtf8 } from '../types/vector.ts';

export interface LikeMatcher {
  matchString(s: string): boolean;
  matchBytes(bytes: Uint8Array, start: number, end: number): boolean;
}

type Token = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'any' } | { readonly kind: 'one' };

function invalid(message: string): ExecError {
  return new ExecError('INVALID_FUNCTION_ARGUMENT', message);
}

/** The escape character of an ESCAPE argument, validated as Trino does. */
export function escapeChar(escape: string): string {
  const cps = [...escape];
  if (cps.length !== 1) throw invalid('Escape string must be a single character');
  return cps[0]!;
}

export function parseLike(pattern: string, escape: string | null): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  const cps = [...pattern];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (escape !== null && c === escape) {
      const next = cps[i + 1];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) {
        throw invalid("Escape character must be followed by '%', '_' or the escape character itself");
      }
      literal += next;
      i++;
    } else if (c === '%') {
      flush();
      if (tokens[tokens.length - 1]?.kind !== 'any') tokens.push({ kind: 'any' });
    } else if (c === '_') {
      flush();
      tokens.push({ kind: 'one' });
    } else literal += c;
  }
  flush();
  return tokens;
}

export function compileLike(pattern: string, escape: string | null): LikeMatcher {
  const tokens = parseLike(pattern, escape);
  if (tokens.some((t) => t.kind === 'one')) return regexMatcher(tokens);
  return segmentMatcher(tokens);
}

/** Patterns of literals and `%` only: anchored first/last segments, the rest found in order. */
function segmentMatcher(tokens: Token[]): LikeMatcher {
  const anchoredStart = tokens[0]?.kind !== 'any';
  const anchoredEnd = tokens.length === 0 || tokens[tokens.length - 1]!.kind !== 'any';
  const segments = tokens.filter((t) => t.kind === 'literal').map((t) => (t as { text: string }).text);
  const segBytes = segments.map(encodeUtf8);
  if (tokens.length === 0) {
    return { matchString: (s) => s === '', matchBytes: (_b, start, end) => start === end };
  }
  if (tokens.length === 1 && anchoredStart) {
    const exact = segments[0]!;
    const eb = segBytes[0]!;
    return {
      matchString: (s) => s === exact,
      matchBytes: (b, start, end) => end - start === eb.length && bytesAt(b, start, eb),
    };
  }
  return {
    matchString(s) {
      let pos = 0;
      let end = s.length;
      let first = 0;
      let last = segments.length;
      if (anchoredStart) {
        if (!s.startsWith(segments[0]!)) return false;
        pos = segments[0]!.length;
        first = 1;
      }
      if (anchoredEnd && last > first) {
        const tail = segments[last - 1]!;
        if (s.length - tail.length < pos || !s.endsWith(tail)) return false;
        end = s.length - tail.length;
        last--;
      }
      for (let k = first; k < last; k++) {
        const idx = s.indexOf(segments[k]!, pos);
        if (idx < 0 || idx + segments[k]!.length > end) return false;
        pos = idx + segments[k]!.length;
      }
      return true;
    },
    matchBytes(b, start, stop) {
      let pos = start;
      let end = stop;
      let first = 0;
      let last = segBytes.length;
      if (anchoredStart) {
        const head = segBytes[0]!;
        if (stop - start < head.length || !bytesAt(b, start, head)) return false;
        pos = start + head.length;
        first = 1;
      }
      if (anchoredEnd && last > first) {
        const tail = segBytes[last - 1]!;
        if (stop - tail.length < pos || !bytesAt(b, stop - tail.length, tail)) return false;
        end = stop - tail.length;
        last--;
      }
      for (let k = first; k < last; k++) {
        const idx = indexOfBytes(b, segBytes[k]!, pos, end);
        if (idx < 0) return false;
        pos = idx + segBytes[k]!.length;
      }
      return true;
    },
  };
}

function bytesAt(b: Uint8Array, at: number, needle: Uint8Array): boolean {
  for (let j = 0; j < needle.length; j++) if (b[at + j] !== needle[j]) return false;
  return true;
}

/** First index ≥ from where needle occurs entirely before `end`, or -1. */
function indexOfBytes(b: Uint8Array, needle: Uint8Array, from: number, end: number): number {
  const n = needle.length;
  if (n === 0) return from;
  const first = needle[0]!;
  for (let i = from; i + n <= end; i++) {
    if (b[i] === first && bytesAt(b, i, needle)) return i;
  }
  return -1;
}

function regexMatcher(tokens: Token[]): LikeMatcher {
  let source = '^';
  for (const t of tokens) {
    if (t.kind === 'any') source += '[\\s\\S]*';
    else if (t.kind === 'one') source += '[\\s\\S]';
    else source += t.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(`${source}$`, 'u');
  return {
    matchString: (s) => re.test(s),
    matchBytes: (b, start, end) => re.test(decodeUtf8(b, start, end)),
  };
}
