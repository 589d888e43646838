import { textPool } from '../src/gen/tpch/text.ts';
console.log(new TextDecoder().decode(textPool().subarray(0, 600)));
const s = new TextDecoder().decode(textPool());
const count = (w: string) => s.split(w).length - 1;
console.log('special', count('special'), 'requests', count('requests'), 'x-ray', count('x-ray'), '--', count('--'), ', ', count(', '), ' ,', count(' ,'), '  ', count('  '));
