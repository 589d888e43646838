/**
 * Row-group statistics against DuckDB: for every row group and column, our min/max (decoded
 * from the footer) equal DuckDB's min/max over that row group's rows, null counts match, and
 * columns whose statistics are missing or untrustworthy give null (no pruning) rather than a
 * wrong bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFooter, type ParquetFooter } from '../../../src/formats/parquet/footer.ts';
import { rowGroupStatistics } from '../../../src/formats/parquet/statistics.ts';
import { LocalFileStore } from '../../../src/storage/localFileStore.ts';
import { allTypesQuery, duckToValue, openParquetFixtures, sqlLiteral, type FixtureFile, type ParquetFixtures } from '../../helpers/parquetFixtures.ts';

const ROWS = 10_000;

let fx: ParquetFixtures;
let file: FixtureFile;
let footer: ParquetFooter;

beforeAll(async () => {
  fx = await openParquetFixtures();
  file = await fx.write('stats.parquet', allTypesQuery(ROWS), { codec: 'snappy', rowGroupSize: 2048 });
  footer = await readFooter(new LocalFileStore(), file.uri, file.size);
});

afterAll(async () => {
  await fx.close();
});

/** DuckDB writes no statistics for HUGEINT stored as DOUBLE. */
const WITHOUT_STATS = new Set(['h']);

describe('rowGroupStatistics against DuckDB', () => {
  it('matches min, max, null count and row count of every row group and column', async () => {
    const names = footer.columns.map((c) => c.name);
    const mismatches: unknown[] = [];
    let offset = 0;
    for (let rg = 0; rg < footer.rowGroups.length; rg++) {
      const rowCount = footer.rowGroups[rg]!.numRows;
      const select = names.map((n) => `min("${n}"), max("${n}"), count(*) - count("${n}")`).join(', ');
      const [row] = await fx.rows(
        `SELECT ${select} FROM read_parquet(${sqlLiteral(file.path)}, file_row_number = true) WHERE file_row_number >= ${offset} AND file_row_number < ${offset + rowCount}`,
      );
      const stats = rowGroupStatistics(footer, rg, names);
      names.forEach((name, c) => {
        const type = footer.columns[c]!.type;
        const expected = {
          min: WITHOUT_STATS.has(name) ? null : duckToValue(row![3 * c]!, type),
          max: WITHOUT_STATS.has(name) ? null : duckToValue(row![3 * c + 1]!, type),
          nullCount: Number(row![3 * c + 2]),
          rowCount,
        };
        const actual = stats[c]!;
        if (!isEqual(actual, expected)) mismatches.push({ rowGroup: rg, column: name, actual, expected });
      });
      offset += rowCount;
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps decimals exact, whatever the physical type, including FLBA beyond 2^53', () => {
    const [d15, d38] = rowGroupStatistics(footer, 0, ['d15', 'd38']);
    expect(typeof d15!.min).toBe('bigint');
    expect(typeof d38!.max).toBe('bigint');
    expect((d38!.max as bigint) > 2n ** 53n || (d38!.min as bigint) < -(2n ** 53n)).toBe(true);
  });

  it('gives all-NULL columns no bounds and a null count equal to the row count', () => {
    const [an] = rowGroupStatistics(footer, 2, ['an']);
    expect(an).toEqual({ min: null, max: null, nullCount: 2048, rowCount: 2048 });
  });

  it('gives a column the file lacks no statistics rather than failing', () => {
    expect(rowGroupStatistics(footer, 0, ['missing'])).toEqual([{ min: null, max: null, nullCount: null, rowCount: 2048 }]);
  });
});

describe('rowGroupStatistics with floating-point specials', () => {
  it('never returns a bound that excludes a non-NaN value', async () => {
    const f = await fx.write(
      'floats.parquet',
      `SELECT CASE WHEN i % 97 = 0 THEN 'NaN'::DOUBLE WHEN i % 89 = 0 THEN 'inf'::DOUBLE WHEN i % 83 = 0 THEN '-inf'::DOUBLE ELSE (i - 3000) / 7.0 END AS x
       FROM range(6000) t(i)`,
      { rowGroupSize: 2048 },
    );
    const ft = await readFooter(new LocalFileStore(), f.uri, f.size);
    let offset = 0;
    for (let rg = 0; rg < ft.rowGroups.length; rg++) {
      const n = ft.rowGroups[rg]!.numRows;
      const values = (await fx.rows(`SELECT x FROM read_parquet(${sqlLiteral(f.path)}, file_row_number = true) WHERE file_row_number >= ${offset} AND file_row_number < ${offset + n}`)).map(
        (r) => r[0] as number,
      );
      const [s] = rowGroupStatistics(ft, rg, ['x']);
      for (const v of values) {
        if (Number.isNaN(v)) continue;
        if (s!.min !== null) expect(v).toBeGreaterThanOrEqual(s!.min as number);
        if (s!.max !== null) expect(v).toBeLessThanOrEqual(s!.max as number);
      }
      offset += n;
    }
  });
});

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
