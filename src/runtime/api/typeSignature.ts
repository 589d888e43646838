/** Result columns as the Trino protocol describes them: type name and parsed type signature. */
import type { OutputColumn } from '../../plan/logical.ts';
import { assertNever, formatType, type SqlType } from '../../types/sqlType.ts';
import type { ClientColumn, TypeSignature } from './protocol.ts';

/** Trino's bound of an unbounded varchar. */
const VARCHAR_UNBOUNDED = 2147483647;

export function typeSignature(t: SqlType): TypeSignature {
  switch (t.kind) {
    case 'decimal':
      return { rawType: 'decimal', arguments: [{ kind: 'LONG', value: t.precision }, { kind: 'LONG', value: t.scale }] };
    case 'varchar':
      return { rawType: 'varchar', arguments: [{ kind: 'LONG', value: t.length ?? VARCHAR_UNBOUNDED }] };
    case 'timestamp':
      return { rawType: 'timestamp', arguments: [{ kind: 'LONG', value: t.precision }] };
    case 'array':
      return { rawType: 'array', arguments: [{ kind: 'TYPE', value: typeSignature(t.element) }] };
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'varbinary':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'unknown':
      return { rawType: t.kind, arguments: [] };
    default:
      return assertNever(t);
  }
}

export function clientColumns(columns: readonly OutputColumn[]): ClientColumn[] {
  return columns.map((c) => ({ name: c.name, type: formatType(c.type), typeSignature: typeSignature(c.type) }));
}
