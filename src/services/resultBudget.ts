/**
 * The row and byte caps of a model query's result, counted as the client will
 * receive it (JSON). Rows are offered one at a time; the first refusal ends the result.
 */
export class ResultBudget {
  /** The JSON array's brackets. */
  private bytes = 2;
  private rows = 0;

  constructor(private readonly limits: { rowLimit: number; byteLimit: number }) {}

  /** Takes the row, or says which cap it would pass. */
  admit(row: Record<string, unknown>): 'rows' | 'bytes' | undefined {
    if (this.rows === this.limits.rowLimit) return 'rows';
    const bytes = this.bytes + Buffer.byteLength(JSON.stringify(row)) + 1;
    if (bytes > this.limits.byteLimit) return 'bytes';
    this.bytes = bytes;
    this.rows += 1;
    return undefined;
  }

  /** Rows that would still fit at the size of the average row so far, at least one. */
  rowsThatFit(): number {
    const averageRowBytes = Math.max(1, this.bytes / Math.max(1, this.rows));
    const byBytes = Math.floor((this.limits.byteLimit - this.bytes) / averageRowBytes) + 1;
    return Math.max(1, Math.min(byBytes, this.limits.rowLimit + 1 - this.rows));
  }
}
