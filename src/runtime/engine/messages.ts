/**
 * What travels between the steps of a query: the state machine payloads (small: ids and keys,
 * never data, under Step Functions' 256 KiB) and the plan object the planner writes to scratch.
 */
import type { S3Config, SquallConfig } from '../../config/config.ts';
import type { ErrorJson } from '../../errors.ts';
import type { DistributedPlan } from '../../plan/distribute.ts';
import type { OutputColumn } from '../../plan/logical.ts';
import type { StoreCounters } from '../../storage/objectStore.ts';
import type { ClientValue } from '../../types/clientJson.ts';

export interface Session {
  readonly catalog: string | null;
  readonly schema: string | null;
}

/** The state machine's input. */
export interface QueryInput {
  readonly queryId: string;
  readonly sql: string;
  readonly session: Session;
  /** Catalogs and planner settings (small; the planner needs them, later steps do not). */
  readonly config: Pick<SquallConfig, 'catalogs' | 'planner'>;
  /** Base URI for scratch objects; this query writes under `<scratch>/<queryId>/`. */
  readonly scratch: string;
  readonly scratchS3: S3Config | null;
  /** Scan invocations that can run at once (sizes fragments). */
  readonly parallelism: number;
}

export interface MergeLevel {
  /** Partials the level reads (the previous level's count). */
  readonly inputs: number;
  /** Group ids 0..n-1: group g merges inputs [g·fanIn, (g+1)·fanIn). */
  readonly groups: number[];
}

/** The planner's output, which becomes the state for the rest of the execution. */
export interface PlanOutput {
  readonly queryId: string;
  readonly scratch: string;
  readonly scratchS3: S3Config | null;
  /** Fragment ids for the scan Map. */
  readonly fragments: number[];
  readonly fanIn: number;
  readonly levels: MergeLevel[];
  readonly levelCount: number;
  readonly levelIndex: 0;
  /** Partials the final fragment reads (at level `levelCount`). */
  readonly finalInputs: number;
}

interface StepBase {
  readonly queryId: string;
  readonly scratch: string;
  readonly scratchS3: S3Config | null;
}

export interface ScanInput extends StepBase {
  readonly fragment: number;
}

export interface MergeInput extends StepBase {
  /** The level this invocation writes (1-based); it reads level - 1. */
  readonly level: number;
  readonly group: number;
  readonly inputCount: number;
  readonly fanIn: number;
}

export interface FinalizeInput extends StepBase {
  readonly inputLevel: number;
  readonly inputCount: number;
}

/** Work figures that flow with the data: each partial carries the sum for its inputs. */
export interface WorkStats {
  invocations: number;
  /** Sum of handler durations (what Lambda bills, before rounding). */
  durationMs: number;
  /** Sum of duration × memory, in GB-seconds. */
  gbSeconds: number;
  rowsScanned: number;
  rowGroupsRead: number;
  /** Bytes fetched from the lake (footers and column chunks). */
  bytesScanned: number;
  /** Scratch and lake requests. */
  s3: StoreCounters;
}

export interface PlanningStats {
  readonly planMs: number;
  readonly filesTotal: number;
  readonly filesPruned: number;
  readonly partitionsPruned: number;
  readonly rowGroupsTotal: number;
  readonly rowGroupsPruned: number;
  /** Compressed bytes of the column chunks the scans need. */
  readonly bytesNeeded: number;
  readonly footerBytes: number;
}

/** plan.json in the query's scratch prefix. */
export interface QueryPlan {
  readonly version: 1;
  readonly queryId: string;
  readonly plan: DistributedPlan;
  /** S3 options for the scanned table's location (credentials come from the environment). */
  readonly tableS3?: S3Config;
  /** The table's partition columns, in the order of each fragment file's partitionValues. */
  readonly partitionColumns: readonly string[];
  readonly fragmentCount: number;
  /** Groups per merge level (empty when the final fragment reads the scans' partials). */
  readonly mergeGroups: readonly number[];
  readonly fragmentsPerChunk: number;
  readonly planning: PlanningStats;
  /** The planner's own work. */
  readonly work: WorkStats;
  /** EXPLAIN text, for EXPLAIN statements (the result is this text). */
  readonly explain?: string;
}

export interface FinalizeOutput {
  readonly queryId: string;
  readonly columns: OutputColumn[];
  readonly rowCount: number;
  /** The first rows in client JSON encoding (all of them when not truncated). */
  readonly rows: ClientValue[][];
  readonly truncated: boolean;
  readonly resultUri: string;
  readonly planning: PlanningStats;
  readonly fragments: number;
  readonly mergeGroups: readonly number[];
  /** Work of every successful invocation, the final one included. */
  readonly work: WorkStats;
  readonly stages: StageWork;
  readonly explain?: string;
}

export interface StageWork {
  readonly plan: WorkStats;
  readonly scan: WorkStats;
  readonly merge: WorkStats;
  readonly finalize: WorkStats;
}

/** Metadata carried in every partial object's header. */
export interface PartialMeta {
  readonly scan: WorkStats;
  readonly merge: WorkStats;
}

export type StepError = ErrorJson;
