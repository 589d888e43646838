/**
 * What travels between the steps of a query: the state machine payloads (small: ids and keys,
 * never data, under Step Functions' 256 KiB) and the plan object the planner writes to scratch.
 */
import type { S3Config, SquallConfig } from '../../config/config.ts';
import type { ErrorJson } from '../../errors.ts';
import type { StagedPlan } from '../../plan/stages.ts';
import type { OutputColumn } from '../../plan/logical.ts';
import type { StoreCounters } from '../../storage/objectStore.ts';
import type { ClientValue } from '../../types/clientJson.ts';
import type { PageSpec, ResultRef } from './resultPages.ts';
import type { CostControl } from '../accounting/costLimits.ts';

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
  /** Memory of the function that runs stage tasks, in MB (sizes partitions so build sides fit). */
  readonly taskMemoryMb: number;
  /**
   * Queries from the query API: the final step writes the result as client-JSON pages of this
   * size (resultPages.ts) instead of one binary object. null: the caller reads the binary result.
   */
  readonly resultPages: PageSpec | null;
  /** The caps the planner checks its cost estimate against before any task runs. */
  readonly cost: CostControl;
}

/** S3 requests an invocation made, by price class (a query's running cost). */
export interface BilledRequests {
  /** GET and HEAD. */
  readonly s3Gets: number;
  /** PUT and LIST. */
  readonly s3PutsAndLists: number;
}

/** One stage's tasks, for the state machine's Map. */
export interface StageTasks {
  readonly stage: number;
  readonly tasks: number[];
}

/** The planner's output, which becomes the state for the rest of the execution. */
export interface PlanOutput {
  readonly queryId: string;
  readonly scratch: string;
  readonly scratchS3: S3Config | null;
  /** In execution order; a stage reads only earlier ones. */
  readonly stages: StageTasks[];
  readonly stageCount: number;
  readonly stageIndex: 0;
  /** The planner's own requests (the state's next step drops them). */
  readonly requests?: BilledRequests;
}

interface StepBase {
  readonly queryId: string;
  readonly scratch: string;
  readonly scratchS3: S3Config | null;
}

export interface TaskInput extends StepBase {
  readonly stage: number;
  readonly task: number;
}

export type FinalizeInput = StepBase;

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
  /**
   * The most that any one invocation's operators held at once (what they reserved against the
   * task's memory budget: build sides, aggregation states, sorts, collected outputs), in bytes.
   * A maximum over invocations, not a sum: it is what a per-task memory size must cover.
   */
  peakMemoryBytes: number;
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
  /** The planner's estimate of the query's cost at list prices (what the caps were checked against). */
  readonly estimatedCostUsd?: number;
}

/** What a scan needs besides its plan node: where the table lives and its partition columns. */
export interface ScanTable {
  /** S3 options for the table's location (credentials come from the environment). */
  readonly tableS3?: S3Config;
  /** The table's partition columns, in the order of each fragment file's partitionValues. */
  readonly partitionColumns: readonly string[];
  readonly fragmentCount: number;
}

/** plan.json in the query's scratch prefix. */
export interface QueryPlan {
  readonly version: 2;
  readonly queryId: string;
  readonly plan: StagedPlan;
  /** Per entry of plan.scans. */
  readonly scanTables: readonly ScanTable[];
  readonly fragmentsPerChunk: number;
  readonly planning: PlanningStats;
  /** The planner's own work. */
  readonly work: WorkStats;
  /** EXPLAIN text, for EXPLAIN statements (the result is this text). */
  readonly explain?: string;
  /** EXPLAIN ANALYZE: the query runs, and its answer is the text with the figures it produced. */
  readonly analyze?: boolean;
  /** The input's resultPages, for the final step. */
  readonly resultPages?: PageSpec;
  /** The query has a cost cap: each task puts a marker of what it cost (taskCosts.ts). */
  readonly meterTasks?: true;
}

export interface FinalizeOutput {
  readonly queryId: string;
  readonly columns: OutputColumn[];
  readonly rowCount: number;
  /** The first rows in client JSON encoding (all of them when not truncated). */
  readonly rows: ClientValue[][];
  readonly truncated: boolean;
  /** The binary result (not written when the input asked for pages). */
  readonly resultUri: string;
  /** The result's pages, when the input asked for them (then `rows` is empty). */
  readonly pages?: ResultRef;
  readonly planning: PlanningStats;
  readonly fragments: number;
  /** Work of every successful invocation, the final one included. */
  readonly work: WorkStats;
  readonly stages: StageWork;
  readonly explain?: string;
  readonly analyze?: boolean;
}

/** A stage's figures: its tasks' work, rows and exchange bytes. */
export interface StageStats extends WorkStats {
  rowsOut: number;
  /** Bytes of the objects the stage's tasks wrote, and read from earlier stages. */
  exchangeBytesWritten: number;
  exchangeBytesRead: number;
  /** Build sides taken from the warm worker's cache (built for an earlier task of the stage), not read and built again. */
  buildCacheHits: number;
  /** Epoch milliseconds when the stage's first task started and its last task ended (0: no task). */
  startedAtMs: number;
  endedAtMs: number;
}

export interface StageWork {
  readonly plan: WorkStats;
  /** Tasks of stages that scan a table. */
  readonly scan: WorkStats;
  /** Tasks of the other stages (joins, partitioned and merged aggregations). */
  readonly merge: WorkStats;
  /** The final fragment: its rows out and the exchange bytes it read from the last stages. */
  readonly finalize: StageStats;
  /** Per stage id. */
  readonly byStage: readonly StageStats[];
}

/**
 * Carried in every exchange object: the figures of the producing task and of the upstream tasks
 * it accounts for (each object is accounted for by exactly one consumer: see exchange.ts).
 */
export interface PartialMeta {
  readonly stages: Record<string, StageStats>;
}

export type StepError = ErrorJson;
