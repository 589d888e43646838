/**
 * The `reports` section of squall.config.json: a valid one (locations resolved against the config
 * file, run store defaulted), and one test per kind of invalid report, each error naming the
 * report, the field and what is wrong.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/config.ts';
import { ConfigError } from '../../../src/errors.ts';

const BASE = '/srv/squall';
const catalogs = { lake: { connector: 'parquet', location: 's3://lake/warehouse' } };
const daily = { name: 'daily_revenue', schedule: 'cron(0 6 * * ? *)', sql: 'SELECT 1', format: 'csv', destination: 's3://out/reports' };

function parse(reports: unknown, extra: Record<string, unknown> = {}) {
  return parseConfig({ catalogs, reports, ...extra }, BASE, 'config');
}

describe('reports in the config', () => {
  it('accepts reports, resolves relative file: destinations, and keeps runs beside the config by default', () => {
    const config = parse([daily, { ...daily, name: 'local', destination: 'file:out/reports/', schedule: 'rate(15 minutes)', format: 'parquet', user: 'finance', source: 'nightly' }]);
    expect(config.reports).toEqual([
      daily,
      { ...daily, name: 'local', destination: pathToFileURL(path.join(BASE, 'out/reports')).href, schedule: 'rate(15 minutes)', format: 'parquet', user: 'finance', source: 'nightly' },
    ]);
    expect(config.reportRuns).toBe(pathToFileURL(path.join(BASE, '.squall/report-runs.jsonl')).href);
  });

  it('takes a run store: a file: path (relative to the config) or a DynamoDB table', () => {
    expect(parse([daily], { reportRuns: 'file:state/runs.jsonl' }).reportRuns).toBe(pathToFileURL(path.join(BASE, 'state/runs.jsonl')).href);
    const dynamo = { dynamodb: { table: 'squall-dev-ReportRunsTable-ABC', region: 'eu-west-1' } };
    expect(parse([daily], { reportRuns: dynamo }).reportRuns).toEqual(dynamo);
  });

  it('is optional', () => {
    const config = parseConfig({ catalogs }, BASE);
    expect(config.reports).toBeUndefined();
    expect(config.reportRuns).toBeUndefined();
  });

  // [what is wrong, reports, the error's words]
  const INVALID: ReadonlyArray<readonly [string, unknown, string]> = [
    ['a cron with 5 fields', [{ ...daily, schedule: 'cron(0 6 * * *)' }], 'reports[daily_revenue].schedule: cron(0 6 * * *): cron takes 6 fields'],
    ['both day fields set', [{ ...daily, schedule: 'cron(0 6 1 * MON *)' }], "reports[daily_revenue].schedule: cron(0 6 1 * MON *): day-of-month '1' and day-of-week 'MON': exactly one of them must be '?'"],
    ['a value out of range', [{ ...daily, schedule: 'cron(0 25 * * ? *)' }], "reports[daily_revenue].schedule: cron(0 25 * * ? *): hours '25': 25 is outside 0-23"],
    ['a plural rate of 1', [{ ...daily, schedule: 'rate(1 days)' }], "reports[daily_revenue].schedule: rate(1 days): use the singular 'day' for 1"],
    ['a schedule that is neither', [{ ...daily, schedule: '@daily' }], "reports[daily_revenue].schedule: @daily: expected cron(...) or rate(...)"],
    ['a day that never comes', [{ ...daily, schedule: 'cron(0 0 31 4 ? *)' }], 'reports[daily_revenue].schedule: cron(0 0 31 4 ? *): never fires'],
    ['two reports with one name', [daily, { ...daily, schedule: 'rate(1 hour)' }], "reports[daily_revenue].name: another report has the name 'daily_revenue'"],
    ['a name that is no identifier', [{ ...daily, name: 'daily revenue' }], 'reports[daily revenue].name: must be a plain identifier'],
    ['an unknown format', [{ ...daily, format: 'xlsx' }], 'reports[daily_revenue].format: '],
    ['a destination of another scheme', [{ ...daily, destination: 'gs://bucket/x' }], 'reports[daily_revenue].destination: must start with file: or s3://'],
    ['an S3 destination without a bucket', [{ ...daily, destination: 's3://' }], 'reports[daily_revenue].destination: missing bucket'],
    ['no SQL', [{ ...daily, sql: '   ' }], 'reports[daily_revenue].sql: must not be empty'],
    ['a missing schedule', [{ ...daily, schedule: undefined }], 'reports[daily_revenue].schedule: '],
    ['an unknown field', [{ ...daily, when: 'daily' }], 'reports[daily_revenue]: '],
    ['a user with spaces', [{ ...daily, user: 'fin ance' }], 'reports[daily_revenue].user: must be a non-empty name without spaces'],
    ['a report without a name', [{ ...daily, name: undefined }], 'reports[0].name: '],
    ['reports that are no list', { daily }, 'reports: '],
  ];

  it.each(INVALID)('rejects %s', (_, reports, message) => {
    let error: unknown;
    try {
      parse(reports);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('INVALID_CONFIG');
    expect((error as ConfigError).message).toContain(`Invalid config: ${message}`);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('rejects a run store on S3 or a bad table name', () => {
    expect(() => parse([daily], { reportRuns: 's3://bucket/runs.jsonl' })).toThrow(/reportRuns/);
    expect(() => parse([daily], { reportRuns: { dynamodb: { table: 'no spaces allowed' } } })).toThrow(/reportRuns/);
  });
});
