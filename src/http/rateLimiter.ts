/**
 * A token bucket per caller: `perMinute` calls a minute on average, a burst of a
 * tenth of that (at least 10). An empty bucket says when the next call may come.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(perMinute: number, private readonly now: () => number = () => performance.now()) {
    this.capacity = Math.max(10, Math.ceil(perMinute / 10));
    this.perMs = perMinute / 60_000;
  }

  /** Takes one call; `retryAfterSeconds` when there is none to take. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updated: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updated) * this.perMs);
    bucket.updated = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }
}
