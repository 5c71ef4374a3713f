/**
 * EXPLAIN is allowed, but a plan tells more than the store's rows: the planner's
 * row estimates come from statistics over every store, and "Rows Removed by
 * Filter" on a scan counts other stores' rows that row-level security dropped.
 * Those figures are removed; the plan's shape, conditions, indexes and the actual
 * rows and times of the store's own rows stay.
 */
const ESTIMATE = / ?\(cost=[^)]*\)/g;
const DROPPED_LINE = /^\s*(Rows Removed by [^:]+|Heap Fetches|Exact Heap Blocks|Lossy Heap Blocks|Heap Blocks):/;

export function redactPlanLines(lines: readonly string[]): string[] {
  return lines.filter((line) => !DROPPED_LINE.test(line)).map((line) => line.replace(ESTIMATE, ''));
}
