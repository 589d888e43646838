/**
 * JSON that keeps bigints and byte arrays: `{"$big":"123"}` and `{"$bytes":"base64"}`. Plans,
 * fragments and payloads use it, since decimal and bigint literals are bigints.
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
  return v;
}

export function untag(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { $big?: unknown; $bytes?: unknown };
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.$big === 'string') return BigInt(o.$big);
    if (keys.length === 1 && typeof o.$bytes === 'string') return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
  }
  return v;
}
