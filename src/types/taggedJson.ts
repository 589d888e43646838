/**
 * JSON that keeps bigints, byte arrays and non-finite doubles: `{"$big":"123"}`,
 * `{"$bytes":"base64"}`, `{"$num":"NaN"}`. Plans, fragments and payloads use it: decimal and
 * bigint literals are bigints, and a folded `1e0 / 0` is Infinity (plain JSON would say null).
 */

export function stringifyTagged(value: unknown, space?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => tag(v), space);
}

export function parseTagged<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) => untag(v)) as T;
}

export function tag(v: unknown): unknown {
  if (typeof v === 'bigint') return { $big: v.toString() };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
  return v;
}

export function untag(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { $big?: unknown; $bytes?: unknown; $num?: unknown };
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.$big === 'string') return BigInt(o.$big);
    if (keys.length === 1 && typeof o.$num === 'string') return Number(o.$num);
    if (keys.length === 1 && typeof o.$bytes === 'string') return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
  }
  return v;
}
