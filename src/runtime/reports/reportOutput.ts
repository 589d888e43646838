/**
 * A report run's output: the whole file in memory, written with one PUT, so a reader (or a failed
 * run) never sees part of one. Keys are `<destination>/<name>/<run time>.<ext>`.
 */
import type { ReportConfig } from '../../config/config.ts';
import { writeParquet } from '../../formats/parquet/writer.ts';
import { batchToArrow } from '../../formats/parquet/vectorToArrow.ts';
import { joinUri } from '../../storage/objectStore.ts';
import { clientRows, formatCsv, formatJson } from '../resultFormats.ts';
import type { QueryResult } from '../squall.ts';

export type ReportFormat = ReportConfig['format'];

/**
 * `2026-11-21T06-00-00Z`: ISO 8601 to the second with the colons replaced, so it is a valid
 * file name everywhere and an S3 key without escaping, and sorts in time order.
 */
export function runTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

export function outputUri(report: Pick<ReportConfig, 'name' | 'destination' | 'format'>, runId: string): string {
  return joinUri(report.destination, report.name, `${runId}.${report.format}`);
}

const encoder = new TextEncoder();

export async function encodeOutput(format: ReportFormat, result: QueryResult): Promise<Uint8Array> {
  switch (format) {
    case 'csv':
      return encoder.encode(formatCsv(result.columns, clientRows(result.columns, result.batch), '\r\n'));
    case 'json':
      return encoder.encode(formatJson(result.columns, clientRows(result.columns, result.batch), result.stats));
    case 'parquet':
      // A zero-row batch still carries the schema, so an empty result is a valid, typed file.
      return writeParquet([batchToArrow(result.columns, result.batch)], { codec: 'zstd', statistics: 'chunk' });
    default: {
      const never: never = format;
      throw new Error(`unknown report format ${String(never)}`);
    }
  }
}
