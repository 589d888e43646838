/**
 * Scalar values: the JavaScript representation of one SQL value of a known SqlType.
 *
 * | SqlType                         | Value                                        |
 * |---------------------------------|----------------------------------------------|
 * | boolean                         | boolean                                      |
 * | tinyint, smallint, integer      | number (an integer)                          |
 * | bigint                          | bigint                                       |
 * | real, double                    | number                                       |
 * | decimal(p,s)                    | bigint: the unscaled value (12.34 → 1234n)   |
 * | varchar                         | string                                       |
 * | varbinary                       | Uint8Array                                   |
 * | date                            | number: days since 1970-01-01                |
 * | timestamp(p)                    | number: microseconds since 1970-01-01 00:00  |
 * | interval day to second          | number: milliseconds                         |
 * | interval year to month          | number: months                               |
 * | array(T)                        | Value[]                                      |
 * | any type, SQL NULL              | null                                         |
 */
export type Value = null | boolean | number | bigint | string | Uint8Array | Value[];

export type NonNullValue = Exclude<Value, null>;
