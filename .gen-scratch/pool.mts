import { buildPool } from '../src/gen/tpch/text.ts';
for (let i = 0; i < 3; i++) { const t = performance.now(); buildPool(16 << 20); console.log(Math.round(performance.now() - t)); }
