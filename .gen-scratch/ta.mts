import { tableGenerator } from '../src/gen/tpch/index.ts';
import * as arrow from 'apache-arrow';
const g = tableGenerator('lineitem');
const bs = [...g.batches(0.01, 0, 3, 5)];
const t = new arrow.Table(bs);
for (const f of t.schema.fields) { const a = t.getChild(f.name)!.toArray(); console.log(f.name, a.constructor.name, a.length, Array.from(a as any).slice(0, 6)); }
console.log(t.getChild('l_shipdate')!.get(0), t.getChild('l_quantity')!.get(0));
