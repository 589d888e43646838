/**
 * Exchange objects: what a stage's task writes and later tasks read, through S3 only.
 *
 * A task writes one object at a deterministic key (a retry overwrites it). A gather object is
 * one encoded batch. A hash-partitioned object is the layout Starling uses, so a consumer reads
 * its partition of any producer with two range GETs (header, then partition):
 *
 *   'SQP1' | u32 partitions | f64 × (partitions + 1) body offsets | body: one encoded batch per partition
 *
 * Accounting: every object carries the figures of its producer and of the upstream work that
 * producer accounts for; each object is accounted for by exactly one consumer task (producer i
 * by consumer i mod consumerTasks), whose own object carries them on, so the final fragment sees
 * every task's figures once. A stage read by several consumers (a shared WITH query) is accounted
 * for by one of the reads only (RemoteSourceNode.accounts).
 */
import { DataError } from '../../errors.ts';
import { compileExprs } from '../../exec/evaluate.ts';
import { partitionsOf } from '../../exec/partition.ts';
import { decodeBatch, encodeBatch } from '../../exec/serde.ts';
import { takeRows } from '../../exec/sort.ts';
import type { RemoteSourceNode } from '../../plan/logical.ts';
import type { Stage } from '../../plan/stages.ts';
import type { ObjectStore } from '../../storage/objectStore.ts';
import { mapLimited } from '../../util/mapLimited.ts';
import { allRows, type Batch } from '../../types/vector.ts';
import type { PartialMeta, StageStats } from './messages.ts';
import { taskOutputUri } from './scratch.ts';
import { addStageMeta, emptyStageStats } from './workStats.ts';

const PARTITIONED_MAGIC = 0x31505153; // 'SQP1' little-endian

export function encodeTaskOutput(batch: Batch, stage: Stage, task: number, meta: PartialMeta): Uint8Array {
  if (stage.output.kind === 'gather') return encodeBatch(batch, stage.types, meta);
  const partitions = stage.output.partitions;
  const sel = allRows(batch.length);
  const keys = compileExprs(stage.output.keys).map((k) => k(batch, sel));
  const of = batch.length === 0 ? new Int32Array(0) : partitionsOf(keys, sel, batch.length, partitions);
  // Rows grouped by partition (counting sort keeps each partition's rows in input order).
  const starts = new Int32Array(partitions + 1);
  for (let i = 0; i < of.length; i++) starts[of[i]! + 1]!++;
  for (let p = 0; p < partitions; p++) starts[p + 1]! += starts[p]!;
  const fill = starts.slice(0, partitions);
  const rows = new Int32Array(of.length);
  for (let i = 0; i < of.length; i++) rows[fill[of[i]!]!++] = i;
  const owner = task % partitions;
  const blobs: Uint8Array[] = [];
  for (let p = 0; p < partitions; p++) {
    const part = batch.columns.length === 0 ? batch : takeRows(batch, rows.subarray(starts[p]!, starts[p + 1]!));
    blobs.push(encodeBatch(part, stage.types, p === owner ? meta : null));
  }
  const headerBytes = 8 + 8 * (partitions + 1);
  const total = headerBytes + blobs.reduce((s, b) => s + b.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, PARTITIONED_MAGIC, true);
  view.setUint32(4, partitions, true);
  let offset = 0;
  blobs.forEach((b, p) => {
    view.setFloat64(8 + 8 * p, offset, true);
    out.set(b, headerBytes + offset);
    offset += b.byteLength;
  });
  view.setFloat64(8 + 8 * partitions, offset, true);
  return out;
}

export interface StageInput {
  readonly batches: Batch[];
  /** Upstream figures this task accounts for. */
  readonly meta: Record<string, StageStats>;
  readonly bytes: number;
  /** What each object read carried, to account for the read again without it (a cached build side). */
  readonly objects: readonly ReadObject[];
}

export interface ReadObject {
  /** The producer task. */
  readonly index: number;
  readonly meta: PartialMeta | null;
  readonly bytes: number;
}

/** The batches task `task` reads from `node`'s stage, with the figures it accounts for. */
export async function readTaskInput(
  store: ObjectStore,
  scratch: string,
  queryId: string,
  node: RemoteSourceNode,
  producer: Stage,
  task: number,
): Promise<StageInput> {
  let bytes = 0;
  const uri = (i: number): string => taskOutputUri(scratch, queryId, node.stage, i);
  let indices: number[];
  if (node.read === 'group') {
    const from = task * node.fanIn;
    indices = range(from, Math.min(producer.tasks, from + node.fanIn));
  } else indices = range(0, producer.tasks);
  // Fetch concurrently, keep producer order, so results do not depend on timing.
  const decoded = await mapLimited(indices, 8, async (i) => {
    const body = node.read === 'partition' ? await readPartition(store, uri(i), task) : await store.get(uri(i));
    bytes += body.byteLength;
    return { index: i, bytes: body.byteLength, ...decodeBatch(body, uri(i)) };
  });
  const objects: ReadObject[] = decoded.map((d) => ({ index: d.index, meta: d.meta as PartialMeta | null, bytes: d.bytes }));
  const batches = decoded.filter((d) => d.batch.length > 0).map((d) => d.batch);
  return { batches, meta: accountRead(node, producer, task, objects), bytes, objects };
}

/** The upstream figures task `task` accounts for, having read `objects` for `node`. */
export function accountRead(node: RemoteSourceNode, producer: Stage, task: number, objects: readonly ReadObject[]): Record<string, StageStats> {
  const meta: Record<string, StageStats> = {};
  const owns = (i: number): boolean => node.accounts && (node.read === 'group' || i % producer.consumerTasks === task % producer.consumerTasks);
  // The producer's object sizes are known only here: a partition is read by one consumer, a
  // whole object is counted by its accounting consumer.
  const written = (meta[String(node.stage)] ??= emptyStageStats());
  for (const o of objects) {
    if (owns(o.index) && o.meta !== null) addStageMeta(meta, o.meta.stages);
    if ((node.read === 'partition' && node.accounts) || owns(o.index)) written.exchangeBytesWritten += o.bytes;
  }
  return meta;
}

async function readPartition(store: ObjectStore, uri: string, partition: number): Promise<Uint8Array> {
  // One GET for the header up to this partition's offsets, one for the partition.
  const head = await store.getRange(uri, 0, 8 + 8 * (partition + 2));
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.byteLength < 8 || view.getUint32(0, true) !== PARTITIONED_MAGIC) throw new DataError('CORRUPT_FILE', `Exchange object ${uri} is not a partitioned object`);
  const partitions = view.getUint32(4, true);
  if (partition >= partitions || head.byteLength < 8 + 8 * (partition + 2)) {
    throw new DataError('CORRUPT_FILE', `Exchange object ${uri} has ${partitions} partitions, not ${partition + 1}`);
  }
  const headerBytes = 8 + 8 * (partitions + 1);
  const start = view.getFloat64(8 + 8 * partition, true);
  const end = view.getFloat64(8 + 8 * (partition + 1), true);
  return store.getRange(uri, headerBytes + start, headerBytes + end);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_x, i) => from + i);
}
