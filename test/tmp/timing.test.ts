import { test } from 'vitest';
import { openSquall } from '../helpers/engine.ts';
test('timing', async () => {
  const s = openSquall('file', { schema: 'tpch_zstd', workers: 2 });
  for (const q of ['SELECT 1', 'SELECT 1', 'SELECT nope FROM lineitem', 'SELECT count(*) FROM lineitem', 'SELECT count(*) FROM lineitem', 'SELECT l_returnflag, count(*) FROM lineitem GROUP BY 1', 'SELECT * FROM nation', 'SELECT count(*) FROM extra.nulls']) {
    const t = performance.now();
    try { const r = await s.query(q); console.log(q, (performance.now()-t).toFixed(0), r.stats.fragments, r.stats.invocations, JSON.stringify(Object.fromEntries(Object.entries(r.stats.byFunction).map(([k,v])=>[k, v.durationMs.toFixed(0)]))), r.stats.stateTransitions); }
    catch (e) { console.log(q, (performance.now()-t).toFixed(0), String(e)); }
  }
  await s.close();
}, 60000);
