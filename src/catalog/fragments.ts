/**
 * Cutting the surviving row groups into scan fragments: consecutive row groups (across files)
 * packed up to a target of compressed bytes of the needed column chunks. The target shrinks for
 * small scans so every worker gets work, and grows when a scan would need more fragments than
 * the state machine can carry.
 */
import { columnChunkRanges } from '../formats/parquet/columnChunks.ts';
import type { Value } from '../types/value.ts';
import type { PrunedFile } from './prune.ts';

export interface FragmentFile {
  readonly uri: string;
  readonly size: number;
  readonly footerLength: number;
  readonly partitionValues: readonly Value[];
  readonly rowGroups: readonly number[];
}

export interface Fragment {
  readonly id: number;
  readonly files: readonly FragmentFile[];
  /** Compressed bytes of the needed column chunks. */
  readonly bytes: number;
  readonly rows: number;
}

export interface FragmentOptions {
  /** File column names the scan reads (partition columns excluded). */
  readonly columns: readonly string[];
  /** Upper bound on a fragment's bytes. */
  readonly maxFragmentBytes: number;
  /** Lower bound on the target (fragments are not cut finer than this). */
  readonly minFragmentBytes: number;
  /** Invocations that can run at once: the scan is spread over about twice as many fragments (one worker: as few as the size bound allows). */
  readonly parallelism: number;
  readonly maxFragments: number;
}

interface Unit {
  readonly file: PrunedFile;
  readonly rowGroup: number;
  readonly bytes: number;
  readonly rows: number;
}

export function cutFragments(files: readonly PrunedFile[], opts: FragmentOptions): { fragments: Fragment[]; bytesNeeded: number } {
  const units: Unit[] = [];
  for (const f of files) {
    const ranges = columnChunkRanges(f.file.footer, f.rowGroups, opts.columns);
    const bytesByGroup = new Map<number, number>();
    for (const r of ranges) bytesByGroup.set(r.rowGroup, (bytesByGroup.get(r.rowGroup) ?? 0) + (r.end - r.start));
    for (const rg of f.rowGroups) {
      units.push({ file: f, rowGroup: rg, bytes: bytesByGroup.get(rg) ?? 0, rows: f.file.footer.rowGroups[rg]!.numRows });
    }
  }
  const bytesNeeded = units.reduce((s, u) => s + u.bytes, 0);
  // Row groups with no columns to read (count(*)) are weighed by rows instead.
  const weight = (u: Unit): number => (bytesNeeded > 0 ? u.bytes : u.rows);
  const total = units.reduce((s, u) => s + weight(u), 0);
  // Twice as many fragments as invocations at once, so that a slow one does not hold the query
  // up alone; one worker has nothing to balance, and each extra fragment costs it a file open
  // and a partial (measured 2–3% of Q1 at SF1).
  const spread = opts.parallelism > 1 ? 2 * opts.parallelism : 1;
  let target = Math.min(opts.maxFragmentBytes, Math.max(opts.minFragmentBytes, Math.ceil(total / spread)));
  if (bytesNeeded === 0) target = Math.max(1, Math.ceil(total / spread));
  if (total / target > opts.maxFragments) target = Math.ceil(total / opts.maxFragments);

  // Equal shares rather than greedy packing: with k workers and 2k fragments, a greedy cut
  // leaves a small remainder fragment and one worker with an extra share of the work.
  const count = Math.max(1, Math.min(units.length, Math.ceil(total / target)));
  const share = total / count;
  const fragments: Fragment[] = [];
  let current: Unit[] = [];
  let done = 0;
  for (const u of units) {
    current.push(u);
    done += weight(u);
    // Cut once this fragment's end reaches the next share boundary (rounding to the nearer unit).
    if (fragments.length < count - 1 && done >= share * (fragments.length + 1) - weight(u) / 2) {
      fragments.push(makeFragment(fragments.length, current));
      current = [];
    }
  }
  if (current.length > 0) fragments.push(makeFragment(fragments.length, current));
  return { fragments, bytesNeeded };
}

function makeFragment(id: number, units: readonly Unit[]): Fragment {
  const files: FragmentFile[] = [];
  for (const u of units) {
    const last = files[files.length - 1];
    if (last !== undefined && last.uri === u.file.file.uri) (last.rowGroups as number[]).push(u.rowGroup);
    else {
      files.push({
        uri: u.file.file.uri,
        size: u.file.file.size,
        footerLength: u.file.file.footer.footerLength,
        partitionValues: u.file.file.partitionValues,
        rowGroups: [u.rowGroup],
      });
    }
  }
  return { id, files, bytes: units.reduce((s, u) => s + u.bytes, 0), rows: units.reduce((s, u) => s + u.rows, 0) };
}
