import type { CopyTarget } from './port.js';

/** The COPY statement of both drivers, reading text format from `source` (STDIN, or a file the engine provides). */
export function copyStatement(target: CopyTarget, source: string): string {
  return `COPY ${target.table} (${target.columns.join(', ')}) FROM ${source}`;
}
