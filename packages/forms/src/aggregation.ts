export const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Aggregations that do arithmetic on the answer; `count` only asks whether there is one. */
export const NUMERIC_AGGREGATIONS: readonly Aggregation[] = ['sum', 'avg', 'min', 'max'];
