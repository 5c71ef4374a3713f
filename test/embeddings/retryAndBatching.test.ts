import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, planBatches, prepareInput } from '../../src/embeddings/remote/batching.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay } from '../../src/embeddings/remote/retry.js';

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, retry-after seconds and an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('caps a long Retry-After and the exponential backoff', () => {
    expect(retryDelay(1, 3_600_000, DEFAULT_RETRY_POLICY)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
    const policy = { ...DEFAULT_RETRY_POLICY, random: () => 0.999999 };
    expect(retryDelay(30, undefined, policy)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});

describe('planBatches', () => {
  it('starts a new batch when the next input would pass the token budget', () => {
    const limits = { ...DEFAULT_REQUEST_LIMITS, maxTokensPerRequest: 6 }; // 8 characters estimate to 2 tokens
    const batches = planBatches(['aaaaaaaa', 'bbbbbbbb', 'cccccccc', 'dd'], limits);
    expect(batches).toEqual([
      { start: 0, inputs: ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'] },
      { start: 3, inputs: ['dd'] },
    ]);
  });

  it('never splits a surrogate pair when cutting an over-long input', () => {
    const limits = { ...DEFAULT_REQUEST_LIMITS, maxTokensPerInput: 1 };
    expect(prepareInput('abc😀', limits)).toBe('abc');
    expect(prepareInput('ab😀c', limits)).toBe('ab😀');
  });
});
