/**
 * The conformance corpus: every record of test/sql/*.sql run through Squall (the real state
 * machine and worker threads) and checked against DuckDB on the same Parquet files, or against
 * literal rows, with Trino's semantics and types.
 *
 * FORMAT. A file is a list of records separated by blank lines (so SQL inside a record has no
 * blank line). A record is:
 *
 *   # comment lines: what the record covers (and, for literal rows, how they were derived)
 *   skip <reason>                 optional: not run, reported as skipped with the reason (set
 *                                 CORPUS_RUN_SKIPPED=1 to run them anyway, e.g. to lift a skip)
 *   only <schema> [<schema>…]     optional: run only with these default schemas (see VARIANTS)
 *   <header>
 *   <SQL, one or more lines>
 *   <sections>
 *
 * Query records, `query [ordered|rowsort] [types] [columns]`:
 *   - `ordered`: rows must come in the same order (use it with ORDER BY, for what ORDER BY
 *     decides); otherwise, and with `rowsort` (sqllogictest's spelling), rows are compared as a
 *     multiset: both sides sorted first.
 *   - `types` requires a `---- types: t1, t2, …` section: the result's Trino type names, exactly
 *     (`decimal(38,2)`, `bigint`, `varchar(5)`, `timestamp(6)`…).
 *   - `columns` requires a `---- columns: a, b, …` section: the result's column names (`_col0`…).
 *   - then exactly one result section, last:
 *       `---- duckdb`             expected = DuckDB's answer to the same SQL;
 *       `---- duckdb: <SQL>`      … to this DuckDB spelling (when dialects differ), or
 *       `---- duckdb` + lines     … to the spelling on the following lines;
 *       `---- expected` + lines   literal rows, one per line, cells separated by ` | ` in client
 *                                 JSON text form: NULL, true, 42, 12.50 (decimals exactly as
 *                                 Trino prints them), 1992-01-02, text without quotes, `(empty)`
 *                                 for the empty string (a cell cannot contain ` | `); no lines
 *                                 after it means no rows.
 *
 * Error records, `statement error <CODE> [<line>:<column>]`: the query must fail with this
 * Squall error code (src/errors.ts), and when given, at this 1-based position of the SQL.
 *
 * COMPARISON (compare.ts). Squall's values as a Trino client receives them (clientRows) against
 * DuckDB's, re-encoded the same way without changing any value: decimals are compared as exact
 * strings (so a DuckDB spelling pins the type with a cast where DuckDB would answer a double or
 * another scale), bigints as numbers, dates and timestamps as text, doubles with a relative
 * tolerance of 1e-9, reals once rounded to float32, NULLs exactly. A failure prints the SQL,
 * both spellings, both results and the first differing row. DuckDB spellings may call two
 * macros for Trino's decimal rounding (trinoMacros.ts): trino_div(a, b, s) and trino_avg(x, s),
 * the exact quotient or average rounded HALF_UP to scale s.
 *
 * VARIANTS. Every record runs with the default schema tpch_zstd over file://, over s3://
 * (s3rver), and over file:// cut into the smallest fragments (about one row group each, merged
 * two partials at a time, so every distributed path runs); and over file:// with tpch_snappy and
 * tpch_gzip, unless `only` narrows the schemas (records reading only `extra.*` or `bad.*` gain
 * nothing from the codec variants). tpch_sf01 (SF 0.1, over file://, once with the planner's
 * choice of join strategy and once with partitioned joins forced) is opt-in: too slow for every
 * record, it runs only the records whose `only` names it (the TPC-H join queries).
 * DuckDB sees the default schema's TPC-H tables under their bare names and `extra.*`/`bad.*`
 * under the same qualified names (reference.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clientRows } from '../../src/cli/format.ts';
import type { SquallConfig } from '../../src/config/config.ts';
import { SquallError } from '../../src/errors.ts';
import type { Squall } from '../../src/runtime/squall.ts';
import { formatType } from '../../src/types/sqlType.ts';
import { lakeConfig, openSquall, type LakeAccess } from '../helpers/engine.ts';
import { describeFailure, diffRows, diffText, fromDuckDb, type Answer } from './compare.ts';
import { parseCorpus, type ErrorRecord, type QueryRecord } from './corpusFormat.ts';
import { openTpchReference, type Reference } from './reference.ts';

interface Variant {
  readonly access: LakeAccess;
  readonly schema: string;
  // broadcastMaxBytes is spelled out until the planner config declares it (0: never broadcast).
  readonly planner?: SquallConfig['planner'] & { readonly broadcastMaxBytes?: number };
}

const VARIANTS: readonly Variant[] = [
  { access: 'file', schema: 'tpch_zstd' },
  { access: 's3', schema: 'tpch_zstd' },
  // The smallest fragments (about one row group each) and merges of two partials at a time:
  // every partial aggregate, top-N and limit goes through merge levels before finalize.
  { access: 'file', schema: 'tpch_zstd', planner: { fragmentTargetBytes: 1024, mergeFanIn: 2 } },
  { access: 'file', schema: 'tpch_snappy' },
  { access: 'file', schema: 'tpch_gzip' },
  // SF 0.1: joins big enough for the planner's strategy to matter; then no side broadcast, so
  // every join is partitioned.
  { access: 'file', schema: 'tpch_sf01' },
  { access: 'file', schema: 'tpch_sf01', planner: { broadcastMaxBytes: 0 } },
];

/** Schemas whose variants run only the records whose `only` names them. */
const OPT_IN_SCHEMAS: ReadonlySet<string> = new Set(['tpch_sf01']);

function runsOn(record: { readonly only: readonly string[] | null }, schema: string): boolean {
  return record.only === null ? !OPT_IN_SCHEMAS.has(schema) : record.only.includes(schema);
}

function variantLabel(v: Variant): string {
  const notes = [
    ...(v.planner?.fragmentTargetBytes !== undefined ? ['small fragments'] : []),
    ...(v.planner?.broadcastMaxBytes === 0 ? ['partitioned joins'] : []),
  ];
  return [v.access, v.schema, ...notes].join(' ');
}

/** Run records marked `skip` too: to see which skips a fix has made obsolete. */
const RUN_SKIPPED = process.env.CORPUS_RUN_SKIPPED === '1';

const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'sql');
const files = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const corpus = files.map((f) => ({ file: f, records: parseCorpus(f, readFileSync(path.join(corpusDir, f), 'utf8')) }));

for (const r of corpus.flatMap((c) => c.records)) {
  for (const s of r.only ?? []) {
    if (!VARIANTS.some((v) => v.schema === s)) throw new Error(`${r.file}:${r.line}: \`only ${s}\`: no variant has that schema`);
  }
}

// One DuckDB per TPC-H schema, shared by the variants reading it (its answers are cached).
const references = new Map<string, Promise<Reference>>();
function reference(schema: string): Promise<Reference> {
  let r = references.get(schema);
  if (r === undefined) {
    r = openTpchReference(schema);
    references.set(schema, r);
  }
  return r;
}
afterAll(async () => {
  for (const r of references.values()) (await r).close();
});

for (const variant of VARIANTS) {
  const label = variantLabel(variant);
  describe(label, () => {
    let squall: Squall | null = null;
    beforeAll(() => {
      const config = lakeConfig(variant.access, variant.schema, variant.planner ?? {});
      squall = openSquall(variant.access, { schema: variant.schema, workers: 2, config });
    });
    afterAll(async () => {
      await squall?.close();
    });
    const engine = (): Squall => {
      if (squall === null) throw new Error('no Squall: beforeAll failed');
      return squall;
    };

    for (const { file, records: all } of corpus) {
      const records = all.filter((r) => runsOn(r, variant.schema));
      // vitest fails a suite without tests: a file of `only` records elsewhere gets none.
      if (records.length === 0) continue;
      describe(file, () => {
        for (const record of records) {
          const name = `${file}:${record.line} ${record.kind === 'query' ? 'query' : `error ${record.code}`}`;
          if (record.skip !== null && !RUN_SKIPPED) {
            test.skip(`${name} (skipped: ${record.skip})`, () => undefined);
            continue;
          }
          const where = `${file}:${record.line} [${label}]`;
          test(name, async () => {
            if (record.kind === 'error') await runError(engine(), record, where);
            else await runQuery(engine(), record, variant, where);
          });
        }
      });
    }
  });
}

async function runQuery(squall: Squall, record: QueryRecord, variant: Variant, where: string): Promise<void> {
  let answer: Answer;
  try {
    const result = await squall.query(record.sql);
    answer = {
      names: result.columns.map((c) => c.name),
      types: result.columns.map((c) => formatType(c.type)),
      rows: clientRows(result.columns, result.batch),
    };
  } catch (err) {
    throw new Error(`${where}\nSQL:\n  ${record.sql}\nSquall failed: ${errorText(err)}`, { cause: err });
  }
  const duckSql = record.expect.kind === 'duckdb' ? (record.expect.sql ?? record.sql) : null;
  const header = describeFailure(where, record.sql, duckSql, answer);
  if (record.types !== null) expect(answer.types, `${header}\ncolumn types`).toEqual(record.types);
  if (record.columns !== null) expect(answer.names, `${header}\ncolumn names`).toEqual(record.columns);
  let diff: string | null;
  if (record.expect.kind === 'expected') {
    diff = diffText(answer.rows, record.expect.rows, answer.types, record.order === 'ordered');
  } else {
    const duck = await (await reference(variant.schema)).answer(duckSql!);
    diff = diffRows(answer.rows, fromDuckDb(duck, answer.types), answer.types, record.order === 'ordered');
  }
  if (diff !== null) throw new Error(`${header}\n${diff}`);
}

async function runError(squall: Squall, record: ErrorRecord, where: string): Promise<void> {
  const expected = `${record.code}${record.position ? ` at ${record.position.line}:${record.position.column}` : ''}`;
  let rows: unknown;
  try {
    const result = await squall.query(record.sql);
    rows = clientRows(result.columns, result.batch);
  } catch (err) {
    const got = err instanceof SquallError ? `${err.code}${err.span ? ` at ${err.span.line}:${err.span.column}` : ''}` : 'a non-Squall error';
    const ok =
      err instanceof SquallError &&
      err.code === record.code &&
      (record.position === null || (err.span?.line === record.position.line && err.span.column === record.position.column));
    if (!ok) throw new Error(`${where}\nSQL:\n  ${record.sql}\nexpected ${expected}, got ${got}: ${errorText(err)}`, { cause: err });
    return;
  }
  throw new Error(`${where}\nSQL:\n  ${record.sql}\nexpected ${expected}, but the query succeeded with ${JSON.stringify(rows)}`);
}

function errorText(err: unknown): string {
  if (err instanceof SquallError) return `${err.code}: ${err.describe()}`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
