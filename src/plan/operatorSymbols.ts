/** How each operator builtin is written in SQL, for error messages and EXPLAIN. */
export const OPERATOR_SYMBOLS: Readonly<Record<string, string>> = {
  $add: '+',
  $subtract: '-',
  $multiply: '*',
  $divide: '/',
  $modulo: '%',
  $negate: '-',
  $eq: '=',
  $ne: '<>',
  $lt: '<',
  $le: '<=',
  $gt: '>',
  $ge: '>=',
  $concat: '||',
  $like: 'LIKE',
  $is_distinct_from: 'IS DISTINCT FROM',
};
