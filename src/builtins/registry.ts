/**
 * The function library by name. Names are lower case; an alias maps to the same definition
 * (whose `name` is the canonical one the binder records in the plan).
 */
import { ARBITRARY } from './aggregates/arbitrary.ts';
import { AVG } from './aggregates/avg.ts';
import { BOOL_AND, BOOL_OR } from './aggregates/boolAndOr.ts';
import { APPROX_DISTINCT, COUNT, COUNT_IF } from './aggregates/count.ts';
import { MAX, MIN } from './aggregates/minMax.ts';
import { SUM } from './aggregates/sum.ts';
import { ADD, DIVIDE, MODULO, MULTIPLY, NEGATE, SUBTRACT } from './arithmetic.ts';
import { EQ, GE, GT, IS_DISTINCT_FROM, LE, LT, NE } from './comparison.ts';
import * as dates from './dateFunctions.ts';
import { DATE_ADD, DATE_DIFF, DATE_TRUNC } from './dateUnitFunctions.ts';
import { GREATEST, LEAST } from './greatestLeast.ts';
import { LIKE } from './like.ts';
import * as math from './mathFunctions.ts';
import * as regexp from './regexpFunctions.ts';
import { CEIL, FLOOR, ROUND, TRUNCATE } from './roundFunctions.ts';
import * as strings from './stringFunctions.ts';
import * as substrings from './substringFunctions.ts';
import type { AggregateFunctionDef, ScalarFunctionDef } from './types.ts';

/** The function definitions a module exports (modules also export helpers). */
function definitionsIn(module: Record<string, unknown>): ScalarFunctionDef[] {
  return Object.values(module).filter(
    (v): v is ScalarFunctionDef => typeof v === 'object' && v !== null && 'resolve' in v && 'kernel' in v,
  );
}

const SCALARS: readonly ScalarFunctionDef[] = [
  ADD,
  SUBTRACT,
  MULTIPLY,
  DIVIDE,
  MODULO,
  NEGATE,
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE,
  IS_DISTINCT_FROM,
  LIKE,
  ROUND,
  FLOOR,
  CEIL,
  TRUNCATE,
  GREATEST,
  LEAST,
  DATE_TRUNC,
  DATE_ADD,
  DATE_DIFF,
  ...definitionsIn(math),
  ...definitionsIn(strings),
  ...definitionsIn(substrings),
  ...definitionsIn(regexp),
  ...definitionsIn(dates),
];

const SCALAR_ALIASES: Record<string, string> = {
  substring: 'substr',
  ceil: 'ceiling',
  pow: 'power',
  day_of_month: 'day',
  dow: 'day_of_week',
  doy: 'day_of_year',
  yow: 'year_of_week',
  rand: 'random',
};

const AGGREGATES: readonly AggregateFunctionDef[] = [COUNT, COUNT_IF, SUM, AVG, MIN, MAX, BOOL_AND, BOOL_OR, ARBITRARY, APPROX_DISTINCT];

const AGGREGATE_ALIASES: Record<string, string> = {
  any_value: 'arbitrary',
  every: 'bool_and',
};

function index<T extends { name: string }>(defs: readonly T[], aliases: Record<string, string>): Map<string, T> {
  const map = new Map<string, T>();
  for (const d of defs) {
    if (map.has(d.name)) throw new Error(`duplicate function ${d.name}`);
    map.set(d.name, d);
  }
  for (const [alias, target] of Object.entries(aliases)) {
    const d = map.get(target);
    if (d === undefined) throw new Error(`alias ${alias} of unknown function ${target}`);
    map.set(alias, d);
  }
  return map;
}

const scalars = index(SCALARS, SCALAR_ALIASES);
const aggregates = index(AGGREGATES, AGGREGATE_ALIASES);

export function getScalarFunction(name: string): ScalarFunctionDef | undefined {
  return scalars.get(name.toLowerCase());
}

export function getAggregateFunction(name: string): AggregateFunctionDef | undefined {
  return aggregates.get(name.toLowerCase());
}

export function isAggregateFunction(name: string): boolean {
  return aggregates.has(name.toLowerCase());
}

/** Every scalar name and alias, operators (`$add`…) included. */
export function scalarFunctionNames(): string[] {
  return [...scalars.keys()];
}

export function aggregateFunctionNames(): string[] {
  return [...aggregates.keys()];
}
