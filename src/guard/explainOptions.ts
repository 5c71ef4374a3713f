import { refuse } from './refusal.js';

/**
 * EXPLAIN options that only shape the plan's output. ANALYZE runs the query, which
 * is fine: the guard checked it and the transaction is read-only. SETTINGS is left
 * out: it prints the server's non-default configuration. BUFFERS, WAL, MEMORY and
 * SERIALIZE count pages and bytes of whole tables, other stores' rows included, and
 * only the text format is accepted so that the runner can redact row estimates
 * (which the planner takes from statistics over every store).
 */
const ALLOWED_EXPLAIN_OPTIONS: ReadonlySet<string> = new Set(['analyze', 'verbose', 'costs', 'timing', 'summary', 'format', 'generic_plan']);

/** Option values are words or numbers (`FORMAT JSON`, `BUFFERS false`), never expressions. */
const VALUE_NODES: ReadonlySet<string> = new Set(['String', 'Integer', 'Float', 'Boolean']);

export function checkExplainOptions(options: unknown, location: number): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) refuse('EXPLAIN options could not be read', location);
  for (const option of options) {
    const body = (option as { DefElem?: { defname?: unknown; arg?: unknown; location?: number } }).DefElem;
    const name = body?.defname;
    const where = body?.location ?? location;
    if (typeof name !== 'string' || !ALLOWED_EXPLAIN_OPTIONS.has(name)) {
      refuse(`EXPLAIN option ${typeof name === 'string' ? name.toUpperCase() : '(unreadable)'} is not allowed`, where);
    }
    const arg = body?.arg;
    if (arg !== undefined) {
      const keys = typeof arg === 'object' && arg !== null ? Object.keys(arg) : [];
      if (keys.length !== 1 || !VALUE_NODES.has(keys[0] ?? '')) refuse(`EXPLAIN option ${name.toUpperCase()} takes a plain value`, where);
      const value = (arg as { String?: { sval?: unknown } }).String?.sval;
      if (name === 'format' && (typeof value !== 'string' || value.toLowerCase() !== 'text')) {
        refuse('EXPLAIN FORMAT other than TEXT is not allowed: use the default text format', where);
      }
    }
  }
}
