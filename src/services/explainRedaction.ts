/**
 * EXPLAIN is allowed, but a plan tells more than the store's rows. Row-level
 * security filters rows after an index or heap scan has read them, so a scan node's
 * row count, "Rows Removed by Filter", heap blocks and buffer counts include other
 * stores' rows; the planner's estimates come from statistics over every store.
 * Every such figure is removed. The plan's shape, conditions, indexes and timings stay.
 */
const ESTIMATE = / ?\(cost=[^)]*\)/g;
const ROW_COUNT = / rows=[\d.]+/g;
const DROPPED_LINE = /^\s*(Rows Removed by [^:]+|Heap Fetches|Exact Heap Blocks|Lossy Heap Blocks|Heap Blocks|Buffers|I\/O Timings|WAL):/;
const EMPTY_SECTION = /^\s*Planning:\s*$/;

export function redactPlanLines(lines: readonly string[]): string[] {
  return lines
    .filter((line) => !DROPPED_LINE.test(line) && !EMPTY_SECTION.test(line))
    .map((line) => line.replace(ESTIMATE, '').replace(ROW_COUNT, ''));
}
