export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** The first backoff; it doubles on each retry. Tests set it to 1 ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After is honoured up to this long. */
  maxRetryAfterMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1); the jitter source. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  sleep: abortableSleep,
  random: Math.random,
};

export type RetryDecision = { retry: false } | { retry: true; retryAfterMs?: number };

/** Thrown when an operation failed for good; `attempts` says how often it was tried. */
export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super('retries exhausted', { cause: lastError });
    this.name = 'RetriesExhausted';
  }
}

/**
 * Runs `operation` until it succeeds, `classify` says an error is final, or the
 * attempts run out. An abort of `signal` ends it at once with `signal.reason`.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await operation();
    } catch (error) {
      signal?.throwIfAborted();
      const decision = classify(error);
      if (!decision.retry || attempt >= policy.maxAttempts) throw new RetriesExhausted(error, attempt);
      await policy.sleep(retryDelay(attempt, decision.retryAfterMs, policy), signal);
    }
  }
}

/** The server's Retry-After when it gave one, else exponential backoff with jitter (half to full). */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return exponential * (0.5 + policy.random() / 2);
}

/** `retry-after-ms` (OpenAI, Azure) or `retry-after` in seconds or as an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
