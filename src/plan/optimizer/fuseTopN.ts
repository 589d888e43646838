/** `Limit(Sort(x))` → `TopN(x)`: every scan then keeps only its best offset + count rows. */
import type { Rule } from './optimizer.ts';
import { transformUp } from './transform.ts';

export const fuseTopN: Rule = {
  name: 'fuseTopN',
  rewrite(plan) {
    return transformUp(plan, (node) => {
      if (node.kind !== 'Limit' || node.count === null || node.input.kind !== 'Sort') return node;
      const sort = node.input;
      return { kind: 'TopN', input: sort.input, keys: sort.keys, offset: node.offset, count: node.count, output: node.output };
    });
  },
};
