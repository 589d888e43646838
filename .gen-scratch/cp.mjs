const pool = new Uint8Array(16 << 20); for (let i = 0; i < pool.length; i++) pool[i] = 97 + (i % 26);
const dst = new Uint8Array(200 << 20);
const bp = Buffer.from(pool.buffer), bd = Buffer.from(dst.buffer);
function loop() { let at = 0; let s = 12345; for (let i = 0; i < 6e6; i++) { s = (s * 1103515245 + 12345) >>> 0; const off = s % (pool.length - 50); const len = 10 + (s % 34); for (let j = 0; j < len; j++) dst[at + j] = pool[off + j]; at += len; } return at; }
function setsub() { let at = 0; let s = 12345; for (let i = 0; i < 6e6; i++) { s = (s * 1103515245 + 12345) >>> 0; const off = s % (pool.length - 50); const len = 10 + (s % 34); dst.set(pool.subarray(off, off + len), at); at += len; } return at; }
function bufcopy() { let at = 0; let s = 12345; for (let i = 0; i < 6e6; i++) { s = (s * 1103515245 + 12345) >>> 0; const off = s % (pool.length - 50); const len = 10 + (s % 34); bp.copy(bd, at, off, off + len); at += len; } return at; }
for (const f of [loop, setsub, bufcopy, loop, setsub, bufcopy]) { const t = performance.now(); f(); console.log(f.name, Math.round(performance.now() - t)); }
