/**
 * Optimizer rules, checked as plan text (the EXPLAIN rendering) after optimizing bound SQL:
 * each case names the rule it exercises.
 */
import { describe, expect, it } from 'vitest';
import { evaluateConstant } from '../../../src/exec/evaluate.ts';
import { stagePlan, type StagedPlan } from '../../../src/plan/stages.ts';
import { formatPlan } from '../../../src/plan/explain.ts';
import { inputsOf, type LogicalPlan } from '../../../src/plan/logical.ts';
import { DEFAULT_RULES, optimize, type Rule } from '../../../src/plan/optimizer/optimizer.ts';
import { reorderJoins } from '../../../src/plan/optimizer/reorderJoins.ts';
import type { StatisticsSource } from '../../../src/plan/estimate.ts';
import { bindSql } from '../../helpers/fakeMetadata.ts';

function plan(sql: string, rules: readonly Rule[] = DEFAULT_RULES): string[] {
  return formatPlan(optimize(bindSql(sql), { evaluateConstant }, rules)).map((l) => l.trim());
}

function scanOf(p: LogicalPlan): Extract<LogicalPlan, { kind: 'TableScan' }> {
  let n: LogicalPlan = p;
  while (n.kind !== 'TableScan') n = (n as { input: LogicalPlan }).input;
  return n;
}

describe('optimizer', () => {
  it('foldConstants + pushDownFilters: the Q1 date predicate reaches the scan as a literal', () => {
    const p = plan("SELECT count(*) FROM lineitem WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY");
    expect(p.at(-1)).toBe("- TableScan[lake.tpch.lineitem] [l_shipdate:date] filter: (l_shipdate <= DATE '1998-09-02')");
  });

  it('foldConstants: decimal literals are cast once at planning time', () => {
    const p = plan('SELECT l_orderkey FROM lineitem WHERE l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24');
    expect(p.at(-1)).toContain('filter: ((l_discount >= 0.05) AND (l_discount <= 0.07) AND (l_quantity < 24.00))');
  });

  it('foldConstants leaves a failing constant for run time (CASE WHEN false THEN 1/0)', () => {
    const p = plan('SELECT CASE WHEN l_linenumber > 100 THEN 1 / 0 ELSE 1 END FROM lineitem');
    expect(p.join('\n')).toContain('(1 / 0)');
  });

  it('pushDownFilters: through a derived table\'s projection into the scan', () => {
    const p = plan('SELECT y FROM (SELECT l_linenumber + 1 AS y, l_tax FROM lineitem) t WHERE y > 3');
    expect(p.at(-1)).toContain('filter: ((l_linenumber + 1) > 3)');
  });

  it('pushDownFilters: a HAVING conjunct on a group key moves below the aggregation', () => {
    const p = optimize(bindSql("SELECT l_returnflag, count(*) FROM lineitem GROUP BY l_returnflag HAVING l_returnflag <> 'A' AND count(*) > 2"), { evaluateConstant });
    expect(scanOf(p).filter).not.toBeNull();
    expect(formatPlan(p).join('\n')).toMatch(/Filter \(\$agg0 > 2\)/);
  });

  it('pruneColumns: the scan reads only what the query uses', () => {
    const p = optimize(bindSql('SELECT sum(l_quantity) FROM lineitem WHERE l_tax > 0'), { evaluateConstant });
    expect(scanOf(p).columns.map((c) => c.name)).toEqual(['l_quantity', 'l_tax']);
  });

  it('pruneColumns: count(*) reads no column at all', () => {
    const p = optimize(bindSql('SELECT count(*) FROM lineitem'), { evaluateConstant });
    expect(scanOf(p).columns).toEqual([]);
  });

  it('fuseTopN: ORDER BY … LIMIT becomes a TopN that scans apply', () => {
    const p = optimize(bindSql('SELECT l_orderkey FROM lineitem ORDER BY l_extendedprice DESC LIMIT 5 OFFSET 2'), { evaluateConstant });
    const d = staged(p);
    expect(d.stages[0]!.root).toMatchObject({ kind: 'TopN', offset: 0, count: 7 });
    expect(formatPlan(d.final).join('\n')).toContain('TopN 5 offset 2');
  });

  it('mergeProjects: stacked projections collapse without duplicating work', () => {
    const p = plan('SELECT z * 2 FROM (SELECT y + 1 AS z FROM (SELECT l_linenumber * 3 AS y FROM lineitem) a) b');
    expect(p.filter((l) => l.startsWith('- Project')).length).toBe(1);
    expect(p[0]).toContain('(((l_linenumber * 3) + 1) * 2)');
  });

  it('a disabled rule is skipped by name', () => {
    const p = optimize(bindSql('SELECT l_orderkey FROM lineitem ORDER BY 1 LIMIT 1'), { evaluateConstant, disabledRules: new Set(['fuseTopN']) });
    expect(formatPlan(p).join('\n')).not.toContain('TopN');
  });
});

function staged(p: LogicalPlan, broadcastMaxBytes = 1 << 30): StagedPlan {
  return stagePlan(p, {
    stats: () => ({ rows: 1000, rowBytes: 32 }),
    fragmentsOf: () => 3,
    broadcastMaxBytes,
    gatherMaxBytes: 1 << 30,
    partitionBytes: 1 << 20,
    minPartitions: 4,
    maxPartitions: 100,
    fanIn: 2,
  });
}

describe('stagePlan', () => {
  const stagedSql = (sql: string, broadcastMaxBytes?: number): StagedPlan => staged(optimize(bindSql(sql), { evaluateConstant }), broadcastMaxBytes);

  it.each([
    ['SELECT l_returnflag, sum(l_tax) FROM lineitem GROUP BY 1', 'Aggregate'],
    ['SELECT l_tax FROM lineitem LIMIT 10', 'Limit'],
    ['SELECT l_tax FROM lineitem ORDER BY 1 LIMIT 10', 'TopN'],
    ['SELECT l_tax FROM lineitem WHERE l_tax > 0', 'TableScan'],
  ])('%s → the scan stage ends in %s', (sql, root) => {
    expect(stagedSql(sql).stages[0]!.root.kind).toBe(root);
  });

  it('a query without a table has no stage', () => {
    expect(stagedSql('SELECT 1 + 1').stages).toEqual([]);
  });

  it('partial aggregates of 3 fragments merge two at a time, then finalize', () => {
    const d = stagedSql('SELECT sum(l_tax) FROM lineitem');
    expect(d.stages.map((s) => [s.tasks, s.root.kind])).toEqual([
      [3, 'Aggregate'],
      [2, 'Aggregate'],
    ]);
    expect(formatPlan(d.stages[1]!.root).join('\n')).toContain('Aggregate(INTERMEDIATE)');
    expect(formatPlan(d.final).join('\n')).toContain('Aggregate(FINAL)');
  });

  it('a small build side is broadcast to the probe side\'s scan tasks', () => {
    const d = stagedSql('SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_orderkey');
    const probe = d.stages.find((s) => s.root.kind === 'Aggregate' && formatPlan(s.root).join('\n').includes('Join'))!;
    expect(probe.scan).not.toBeNull();
    expect(formatPlan(probe.root).join('\n')).toContain('RemoteSource[stage 0, all tasks]');
  });

  it('large sides are both hash-partitioned on the join keys into the same partitions', () => {
    const d = stagedSql('SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_orderkey', 0);
    const partitioned = d.stages.filter((s) => s.output.kind === 'hash');
    expect(partitioned.length).toBe(2);
    expect(new Set(partitioned.map((s) => (s.output.kind === 'hash' ? s.output.partitions : 0)))).toEqual(new Set([4]));
    const join = d.stages.find((s) => formatPlan(s.root).join('\n').includes('own partition'))!;
    expect(join.tasks).toBe(4);
  });

  it('a broadcast build side that aggregates in one task is a stage of its own, run once', () => {
    const d = stagedSql('SELECT count(*) FROM lineitem a WHERE a.l_orderkey IN (SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING sum(l_tax) > 1)');
    const text = (p: LogicalPlan): string => formatPlan(p).join('\n');
    const probe = d.stages.find((s) => text(s.root).includes('SEMI Join'))!;
    expect(probe.tasks).toBe(3);
    expect(text(probe.root)).not.toContain('Aggregate(FINAL)');
    const build = d.stages.find((s) => text(s.root).includes('Aggregate(FINAL)'))!;
    expect(build.tasks).toBe(1);
    expect(text(probe.root)).toContain(`RemoteSource[stage ${build.id}, all tasks]`);
  });

  it('a build side larger than the probe side is not hashed in each of several probe tasks', () => {
    const sql = 'SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_orderkey AND a.l_tax > 0';
    const withFragments = (n: number): StagedPlan =>
      stagePlan(optimize(bindSql(sql), { evaluateConstant }), {
        stats: () => ({ rows: 1000, rowBytes: 32 }),
        fragmentsOf: () => n,
        broadcastMaxBytes: 1 << 30,
        gatherMaxBytes: 1 << 30,
        partitionBytes: 1 << 20,
        minPartitions: 4,
        maxPartitions: 100,
        fanIn: 2,
      });
    // The probe (a, a third of its rows estimated to pass) is smaller than the build (all of b).
    expect(withFragments(3).stages.filter((s) => s.output.kind === 'hash').length).toBe(2);
    // With one probe task the build side is hashed once either way: broadcast.
    expect(withFragments(1).stages.filter((s) => s.output.kind === 'hash').length).toBe(0);
  });

  it('RIGHT and FULL joins never broadcast their build side', () => {
    for (const type of ['RIGHT', 'FULL']) {
      const d = stagedSql(`SELECT count(*) FROM lineitem a ${type} JOIN lineitem b ON a.l_orderkey = b.l_orderkey`);
      const joins = [...d.stages.map((s) => s.root), d.final].flatMap(joinsIn);
      expect(joins.length).toBe(1);
      const join = joins[0]!;
      // Each build row in exactly one task: a hash partition, or the single final task.
      const inFinal = joinsIn(d.final).length === 1;
      expect(inFinal || (join.right.kind === 'RemoteSource' && join.right.read === 'partition')).toBe(true);
    }
  });
});

function joinsIn(p: LogicalPlan): Extract<LogicalPlan, { kind: 'Join' }>[] {
  const own = p.kind === 'Join' ? [p] : [];
  return [...own, ...inputsOf(p).flatMap(joinsIn)];
}

describe('reorderJoins: semi joins', () => {
  // b is the big table: a join with it is estimated larger than a alone.
  const stats: StatisticsSource = (scan) => ({ rows: scan.columns.some((c) => c.name === 'l_linenumber') ? 10_000 : 1000, rowBytes: 8 });
  const reordered = (sql: string): string[] =>
    formatPlan(optimize(reorderJoins(optimize(bindSql(sql), { evaluateConstant }), stats), { evaluateConstant })).map((l) => l.trim());
  const depth = (lines: string[], text: string): number => lines.findIndex((l) => l.includes(text));

  it('an IN over one input\'s columns filters that input before the join when the join is larger', () => {
    const p = reordered(
      'SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_linenumber AND a.l_orderkey IN (SELECT l_orderkey FROM lineitem c WHERE c.l_tax > 0)',
    );
    expect(depth(p, 'SEMI Join')).toBeGreaterThan(depth(p, 'INNER Join'));
    // Its left input is a's scan, and the key is a's column there.
    expect(p[depth(p, 'SEMI Join')]).toContain('[l_orderkey = l_orderkey]');
    expect(p[depth(p, 'SEMI Join') + 1]).toMatch(/^- TableScan\[lake\.tpch\.lineitem\] \[l_orderkey:bigint\]$/);
  });

  it('stays above the joins when they thin the rows more than the input has', () => {
    const p = reordered(
      "SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_orderkey AND b.l_returnflag = 'R' AND a.l_orderkey IN (SELECT l_orderkey FROM lineitem c WHERE c.l_tax > 0)",
    );
    expect(depth(p, 'SEMI Join')).toBeLessThan(depth(p, 'INNER Join'));
  });

  it('stays above the joins when it reads columns of two inputs', () => {
    const p = reordered(
      'SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_linenumber AND EXISTS (SELECT 1 FROM lineitem c WHERE c.l_orderkey = a.l_orderkey AND c.l_tax > b.l_tax)',
    );
    expect(depth(p, 'SEMI Join')).toBeLessThan(depth(p, 'INNER Join'));
  });
});
