/**
 * The optimizer driver: applies rules to a fixed point, checks after every rule that the plan's
 * output columns are unchanged, and names the rule in any error.
 */
import { InternalError, SquallError } from '../../errors.ts';
import { formatType } from '../../types/sqlType.ts';
import type { Value } from '../../types/value.ts';
import type { BoundExpr } from '../expr.ts';
import type { LogicalPlan } from '../logical.ts';
import { foldConstants } from './foldConstants.ts';
import { fuseTopN } from './fuseTopN.ts';
import { inlineShared } from './inlineShared.ts';
import { mergeProjects } from './mergeProjects.ts';
import { pruneColumns } from './pruneColumns.ts';
import { pushDownFilters } from './pushDownFilters.ts';

export interface OptimizerContext {
  /**
   * Evaluate an expression without column references (constant folding, partition pruning).
   * Supplied by the caller so the plan layer does not depend on the executor.
   */
  readonly evaluateConstant: (e: BoundExpr) => Value;
  /** Rule names to skip (for tests and for isolating a misbehaving rule). */
  readonly disabledRules?: ReadonlySet<string>;
}

export interface RewriteResult {
  readonly plan: LogicalPlan;
  readonly changed: boolean;
}

export interface Rule {
  readonly name: string;
  rewrite(plan: LogicalPlan, ctx: OptimizerContext): RewriteResult;
}

export const DEFAULT_RULES: readonly Rule[] = [inlineShared, foldConstants, pushDownFilters, mergeProjects, fuseTopN, pruneColumns];

const MAX_PASSES = 20;

export function optimize(plan: LogicalPlan, ctx: OptimizerContext, rules: readonly Rule[] = DEFAULT_RULES): LogicalPlan {
  let current = plan;
  const signature = outputSignature(plan);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changedAny = false;
    for (const rule of rules) {
      if (ctx.disabledRules?.has(rule.name)) continue;
      let result: RewriteResult;
      try {
        result = rule.rewrite(current, ctx);
      } catch (err) {
        if (err instanceof SquallError && err.type === 'USER_ERROR') throw err;
        throw new InternalError(`optimizer rule ${rule.name} failed: ${(err as Error).message}`, { cause: err });
      }
      if (!result.changed) continue;
      if (outputSignature(result.plan) !== signature) {
        throw new InternalError(
          `optimizer rule ${rule.name} changed the plan's output from ${signature} to ${outputSignature(result.plan)}`,
        );
      }
      current = result.plan;
      changedAny = true;
    }
    if (!changedAny) return current;
  }
  return current;
}

function outputSignature(plan: LogicalPlan): string {
  return plan.output.map((c) => `${c.name}:${formatType(c.type)}`).join(', ');
}
