/**
 * Optimizer rules, checked as plan text (the EXPLAIN rendering) after optimizing bound SQL:
 * each case names the rule it exercises.
 */
import { describe, expect, it } from 'vitest';
import { evaluateConstant } from '../../../src/exec/evaluate.ts';
import { estimate } from '../../../src/plan/estimate.ts';
import { stagePlan, type StagedPlan, type StagingOptions } from '../../../src/plan/stages.ts';
import { formatExpr, formatPlan, formatStagedPlan } from '../../../src/plan/explain.ts';
import { inputsOf, type LogicalPlan } from '../../../src/plan/logical.ts';
import { DEFAULT_RULES, optimize, type Rule } from '../../../src/plan/optimizer/optimizer.ts';
import { formatType } from '../../../src/types/sqlType.ts';
import { narrowOutputs } from '../../../src/plan/optimizer/pruneColumns.ts';
import { reduceSemiJoinBuilds } from '../../../src/plan/optimizer/reduceSemiJoinBuilds.ts';
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

  it('pushDownFilters: a conjunct on a window\'s partition key moves below it, one on its value stays above', () => {
    const p = optimize(
      bindSql('SELECT * FROM (SELECT l_orderkey, rank() OVER (PARTITION BY l_orderkey ORDER BY l_tax) AS r FROM lineitem) t WHERE l_orderkey = 7 AND r = 1'),
      { evaluateConstant },
    );
    expect(scanOf(p).filter).not.toBeNull();
    expect(formatPlan(p).join('\n')).toMatch(/Filter \(r = 1\)|Filter \(\$window0 = 1\)/);
  });

  it('pruneColumns: an unused window function is dropped with the columns only it reads', () => {
    const p = optimize(bindSql('SELECT l_orderkey FROM (SELECT l_orderkey, sum(l_tax) OVER (PARTITION BY l_linenumber) AS s FROM lineitem) t'), { evaluateConstant });
    expect(formatPlan(p).join('\n')).not.toContain('Window');
    expect(scanOf(p).columns.map((c) => c.name)).toEqual(['l_orderkey']);
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

  it('pruneColumns: a mark join keeps its mark and reads only the keys of its build side', () => {
    const p = plan('SELECT a.l_tax, a.l_orderkey IN (SELECT b.l_orderkey FROM lineitem b WHERE b.l_tax > 0) FROM lineitem a');
    expect(p.find((l) => l.includes('MARK Join (null-aware)'))).toBeDefined();
    expect(p.filter((l) => l.startsWith('- TableScan'))).toEqual([
      '- TableScan[lake.tpch.lineitem] [l_orderkey:bigint, l_tax:decimal(15,2)]',
      '- TableScan[lake.tpch.lineitem] [l_orderkey:bigint, l_tax:decimal(15,2)] filter: (l_tax > 0.00)',
    ]);
  });

  it('pushDownFilters: a filter on a mark join\'s probe columns moves below it, one on the mark stays', () => {
    const p = plan('SELECT * FROM (SELECT a.l_tax, EXISTS (SELECT * FROM lineitem b WHERE b.l_orderkey = a.l_orderkey) AS e FROM lineitem a) WHERE l_tax > 0 AND e');
    const join = p.findIndex((l) => l.startsWith('- MARK Join'));
    expect(join).toBeGreaterThan(0);
    expect(p.slice(0, join).some((l) => l.startsWith('- Filter'))).toBe(true);
    expect(p.slice(join).some((l) => l.includes('filter: (l_tax > 0.00)'))).toBe(true);
  });

  it('a disabled rule is skipped by name', () => {
    const p = optimize(bindSql('SELECT l_orderkey FROM lineitem ORDER BY 1 LIMIT 1'), { evaluateConstant, disabledRules: new Set(['fuseTopN']) });
    expect(formatPlan(p).join('\n')).not.toContain('TopN');
  });
});

const STAGING: StagingOptions = {
  stats: () => ({ rows: 1000, rowBytes: 32 }),
  fragmentsOf: () => 3,
  broadcastMaxBytes: 1 << 30,
  gatherMaxBytes: 1 << 30,
  partitionBytes: 1 << 20,
  buildBytesPerTask: 1 << 30,
  minPartitions: 4,
  maxPartitions: 100,
  fanIn: 2,
};

function staged(p: LogicalPlan, broadcastMaxBytes = 1 << 30): StagedPlan {
  return stagePlan(p, { ...STAGING, broadcastMaxBytes });
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

  it('an uncorrelated NOT IN broadcasts its build side: its NULL and emptiness are global facts', () => {
    const d = stagedSql('SELECT count(*) FROM lineitem a WHERE a.l_orderkey NOT IN (SELECT b.l_orderkey FROM lineitem b)', 0);
    expect(d.stages.some((s) => s.output.kind === 'hash')).toBe(false);
    const join = [...d.stages.map((s) => s.root), d.final].flatMap(joinsIn)[0]!;
    expect(join).toMatchObject({ type: 'anti', nullAware: true, right: { kind: 'RemoteSource', read: 'all' } });
  });

  it('a correlated NOT IN or IN mark is hash-partitioned on its correlation keys only', () => {
    for (const sql of [
      'SELECT count(*) FROM lineitem a WHERE a.l_linenumber NOT IN (SELECT b.l_linenumber FROM lineitem b WHERE b.l_orderkey = a.l_orderkey)',
      'SELECT count_if(a.l_linenumber IN (SELECT b.l_linenumber FROM lineitem b WHERE b.l_orderkey = a.l_orderkey)) FROM lineitem a',
    ]) {
      const d = stagedSql(sql, 0);
      const keys = d.stages.flatMap((s) => (s.output.kind === 'hash' ? [s.output.keys.map((k) => formatType(k.type))] : []));
      expect(keys).toEqual([['bigint'], ['bigint']]);
      const join = [...d.stages.map((s) => s.root), d.final].flatMap(joinsIn)[0]!;
      expect(join.nullAware).toBe(true);
      expect(join.leftKeys.map((k) => formatType(k.type))).toEqual(['integer', 'bigint']);
    }
  });

  it('a join is partitioned finely enough for each partition\'s build side to fit a task\'s memory', () => {
    const join = optimize(bindSql('SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_orderkey'), { evaluateConstant });
    const buildBytes = estimate((joinsIn(join)[0]!).right, STAGING.stats).bytes;
    const partitionsWith = (buildBytesPerTask: number): number[] => {
      const d = stagePlan(join, { ...STAGING, buildBytesPerTask });
      return d.stages.flatMap((s) => (s.output.kind === 'hash' ? [s.output.partitions] : []));
    };
    // Fits: broadcast (no partitions); else max(minPartitions, ceil(build / per task)), capped.
    expect(partitionsWith(buildBytes)).toEqual([]);
    expect(partitionsWith(buildBytes / 2)).toEqual([4, 4]);
    expect(partitionsWith(buildBytes / 7.5)).toEqual([8, 8]);
    expect(partitionsWith(buildBytes / 1000)).toEqual([100, 100]);
  });

  it('an aggregation too large for one task\'s memory is finished in enough hash partitions for each to fit', () => {
    const agg = optimize(bindSql('SELECT l_orderkey, sum(l_tax) FROM lineitem GROUP BY 1'), { evaluateConstant });
    const groups = estimate(agg.kind === 'Project' ? agg.input : agg, STAGING.stats).bytes;
    const gathered = stagePlan(agg, { ...STAGING, buildBytesPerTask: groups });
    expect(gathered.stages.every((s) => s.output.kind === 'gather')).toBe(true);
    const partitioned = stagePlan(agg, { ...STAGING, buildBytesPerTask: groups / 9.5 });
    expect(partitioned.stages.flatMap((s) => (s.output.kind === 'hash' ? [s.output.partitions] : []))).toEqual([10]);
  });

  it('EXPLAIN says how each join is distributed, with estimated rows', () => {
    const sql = 'SELECT count(*) FROM lineitem a, lineitem b WHERE a.l_orderkey = b.l_orderkey';
    const text = (broadcastMaxBytes: number): string => formatStagedPlan(stagedSql(sql, broadcastMaxBytes), { estimatedRows: () => 42, scans: [] });
    expect(text(1 << 30)).toContain('INNER Join [l_orderkey = l_orderkey] (broadcast: build side to each of 3 task(s); estimated rows: 42)');
    expect(text(0)).toContain('INNER Join [l_orderkey = l_orderkey] (partitioned: 4 hash partitions; estimated rows: 42)');
    const single = formatStagedPlan(stagedSql('SELECT count(*) FROM (SELECT max(l_orderkey) AS k FROM lineitem) a JOIN (SELECT 1 AS k) v ON a.k = v.k'), { estimatedRows: () => 1, scans: [] });
    expect(single).toContain('(in one task; estimated rows: 1)');
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
      stagePlan(optimize(bindSql(sql), { evaluateConstant }), { ...STAGING, fragmentsOf: () => n });
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

  it('a window partitioned by keys runs in hash partitions on those keys; one without keys in one task', () => {
    const d = stagedSql('SELECT l_orderkey, rank() OVER (PARTITION BY l_orderkey ORDER BY l_tax) FROM lineitem');
    expect(d.stages.map((s) => [s.tasks, s.output.kind])).toEqual([
      [3, 'hash'],
      [4, 'gather'],
    ]);
    const producer = d.stages[0]!;
    const keys = producer.output.kind === 'hash' ? producer.output.keys : [];
    expect(keys.map((k) => producer.root.output[(k as { index: number }).index]!.name)).toEqual(['l_orderkey']);
    expect(formatPlan(d.stages[1]!.root).join('\n')).toMatch(/Window partition by[\s\S]*RemoteSource\[stage 0, own partition\]/);

    const single = stagedSql('SELECT l_orderkey, row_number() OVER (ORDER BY l_tax) FROM lineitem');
    expect(single.stages.map((s) => s.output.kind)).toEqual(['gather']);
    expect(formatPlan(single.final).join('\n')).toMatch(/Window one partition[\s\S]*RemoteSource\[stage 0, all tasks\]/);
  });
});

describe('WITH queries named more than once', () => {
  const optimized = (sql: string): LogicalPlan => optimize(bindSql(sql), { evaluateConstant });
  const REVENUE = `WITH r (k, total, tax) AS (SELECT l_orderkey, sum(l_extendedprice), max(l_tax) FROM lineitem WHERE l_shipdate > DATE '1995-01-01' GROUP BY l_orderkey)`;
  const Q15 = `${REVENUE} SELECT a.k, a.total FROM r a JOIN r b ON a.k = b.k + 1 WHERE a.total = (SELECT max(total) FROM r) AND a.k < 100`;
  const lineitemScans = (d: StagedPlan): number => d.stages.filter((s) => s.scan !== null && d.scans[s.scan]!.table.table === 'lineitem').length;
  const reads = (d: StagedPlan, stage: number): Extract<LogicalPlan, { kind: 'RemoteSource' }>[] => {
    const of = (p: LogicalPlan): Extract<LogicalPlan, { kind: 'RemoteSource' }>[] => [...(p.kind === 'RemoteSource' && p.stage === stage ? [p] : []), ...inputsOf(p).flatMap(of)];
    return [...d.stages.flatMap((s) => of(s.root)), ...of(d.final)];
  };

  it('one that aggregates is computed once, in a stage of its own that every reference reads', () => {
    for (const d of [staged(optimized(Q15)), stagePlan(optimized(Q15), { ...STAGING, broadcastMaxBytes: 0, gatherMaxBytes: 0 })]) {
      expect(lineitemScans(d)).toBe(1);
      const shared = d.stages.filter((s) => s.shared === 'r');
      expect(shared.length).toBe(1);
      const r = reads(d, shared[0]!.id);
      expect(r.length).toBe(3);
      // Exactly one read carries the shared stage's figures on, so they are counted once.
      expect(r.filter((x) => x.accounts).length).toBe(1);
    }
  });

  it('keeps the columns some reference needs, and no reference\'s filter', () => {
    const p = optimized(`${REVENUE} SELECT a.k FROM r a JOIN r b ON a.k = b.k WHERE a.k < 100 AND b.total > 5`);
    const shared = sharedIn(p);
    expect(shared.length).toBe(2);
    expect(new Set(shared.map((s) => s.id)).size).toBe(1);
    // tax is needed by no reference; k and total by one each.
    for (const s of shared) expect(s.output.map((c) => c.name)).toEqual(['k', 'total']);
    expect(formatPlan(shared[0]!).join('\n')).toEqual(formatPlan(shared[1]!).join('\n'));
    expect(formatPlan(shared[0]!).join('\n')).not.toContain('100');
    expect(formatPlan(p).join('\n')).toContain('Filter (k < 100)');
  });

  it('references that join on different keys each repartition the shared output', () => {
    const d = stagePlan(optimized(`${REVENUE} SELECT count(*) FROM r a JOIN r b ON a.k = b.k JOIN r c ON c.total = a.total`), {
      ...STAGING,
      broadcastMaxBytes: 0,
      gatherMaxBytes: 0,
    });
    const shared = d.stages.find((s) => s.shared === 'r')!;
    expect(shared.output.kind).toBe('gather');
    const repartitions = d.stages.filter((s) => s.root.kind === 'RemoteSource' && s.root.stage === shared.id);
    expect(repartitions.length).toBe(3);
    expect(repartitions.every((s) => s.output.kind === 'hash' && s.tasks === shared.tasks)).toBe(true);
    expect(new Set(repartitions.map((s) => (s.output.kind === 'hash' ? formatExpr(s.output.keys[0]!, ['k', 'total']) : '')))).toEqual(new Set(['k', 'total']));
  });

  it.each([
    ['named once', `${REVENUE} SELECT k FROM r WHERE k < 100`],
    ['a plain scan', `WITH r AS (SELECT l_orderkey AS k FROM lineitem) SELECT count(*) FROM r a JOIN r b ON a.k = b.k WHERE a.k < 100`],
  ])('one %s is inlined: each copy gets its own filters', (_what, sql) => {
    const p = optimized(sql);
    expect(sharedIn(p)).toEqual([]);
    expect(formatPlan(p).join('\n')).toMatch(/TableScan\[lake\.tpch\.lineitem\] .*filter: .*\(l_orderkey < 100\)/);
  });
});

function sharedIn(p: LogicalPlan): Extract<LogicalPlan, { kind: 'Shared' }>[] {
  const own = p.kind === 'Shared' ? [p] : [];
  return [...own, ...inputsOf(p).flatMap(sharedIn)];
}

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

describe('reorderJoins: bushy build sides', () => {
  const stats: StatisticsSource = () => ({ rows: 1000, rowBytes: 8 });
  const sql = `SELECT count(*) FROM lineitem a, lineitem b, lineitem c
    WHERE a.l_orderkey = b.l_orderkey AND b.l_linenumber = c.l_linenumber AND c.l_returnflag = 'R'`;
  const reordered = (): LogicalPlan => optimize(reorderJoins(optimize(bindSql(sql), { evaluateConstant }), stats), { evaluateConstant });

  it('a build side first joins the input that filters it (b meets the filtered c before a probes it)', () => {
    const lines = formatPlan(reordered()).map((l) => l.trim());
    const top = lines.findIndex((l) => l.startsWith('- INNER Join'));
    // Left-deep would list Join, Join, Scan…; bushy lists the streaming scan, then the build's join.
    expect(lines[top + 1]).toMatch(/^- TableScan/);
    expect(lines.slice(top + 2).some((l) => l.startsWith('- INNER Join'))).toBe(true);
  });

  it('narrowOutputs: the build side join and the filtered scan output only what is read above them', () => {
    const text = formatPlan(narrowOutputs(reordered())).join('\n');
    // c's l_returnflag is read only by its scan filter; b ⋈ c hands on only b.l_orderkey.
    expect(text).toMatch(/- Project \[l_orderkey := l_orderkey\]\n\s+- INNER Join \[l_linenumber = l_linenumber\]/);
    expect(text).toMatch(/- Project \[l_linenumber := l_linenumber\]\n\s+- TableScan\[lake\.tpch\.lineitem\] \[l_linenumber:integer, l_returnflag:varchar\] filter/);
  });
});

describe('reduceSemiJoinBuilds', () => {
  const stats: StatisticsSource = () => ({ rows: 1000, rowBytes: 8 });
  const reduced = (sql: string): string => formatPlan(reduceSemiJoinBuilds(optimize(bindSql(sql), { evaluateConstant }), stats)).join('\n');

  it('a subquery side far larger than the outer scan keeps only the outer keys first (EXISTS and NOT EXISTS)', () => {
    for (const not of ['', 'NOT ']) {
      const text = reduced(`SELECT count(*) FROM lineitem a WHERE a.l_returnflag = 'R' AND a.l_tax > 0 AND ${not}EXISTS (SELECT 1 FROM lineitem b WHERE b.l_orderkey = a.l_orderkey)`);
      expect(text).toMatch(/SEMI Join \[l_orderkey = \$outer_key0\]/);
    }
  });

  it('a correlated scalar aggregation groups only the rows whose keys a scan under the probe side holds', () => {
    const text = reduced("SELECT count(*) FROM lineitem a WHERE a.l_returnflag = 'R' AND a.l_tax > 0 AND a.l_quantity < (SELECT avg(b.l_quantity) FROM lineitem b WHERE b.l_orderkey = a.l_orderkey)");
    expect(text).toMatch(/LEFT Join[\s\S]*Aggregate\(SINGLE\)[\s\S]*SEMI Join \[\$agg_input\d+ = \$probe_key0\]/);
  });

  it('an IN over the probe side of a left join below it filters that side first', () => {
    const text = reduced(
      'SELECT count(*) FROM (SELECT a.l_orderkey, b.l_tax FROM lineitem a LEFT JOIN lineitem b ON a.l_linenumber = b.l_linenumber) t WHERE t.l_orderkey IN (SELECT l_orderkey FROM lineitem c WHERE c.l_tax > 0)',
    );
    expect(text).toMatch(/LEFT Join[^\n]*\n\s+- SEMI Join \[l_orderkey = l_orderkey\]/);
  });

  it('never for NOT IN (a NULL key anywhere in the subquery decides), nor for a subquery no larger', () => {
    expect(reduced("SELECT count(*) FROM lineitem a WHERE a.l_returnflag = 'R' AND a.l_tax > 0 AND a.l_orderkey NOT IN (SELECT l_orderkey FROM lineitem b)")).not.toContain('$outer_key');
    expect(reduced('SELECT count(*) FROM lineitem a WHERE EXISTS (SELECT 1 FROM lineitem b WHERE b.l_orderkey = a.l_orderkey)')).not.toContain('$outer_key');
  });
});
