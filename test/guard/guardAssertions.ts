import { expect } from 'vitest';
import { checkModelSql, type AllowedVerdict, type GuardPolicy, type RefusedVerdict } from '../../src/guard/index.js';

/** Asserts a refusal whose reason mentions every fragment (case-insensitive). */
export function expectRefused(sql: string, fragments: readonly string[] = [], policy?: GuardPolicy): RefusedVerdict {
  const verdict = checkModelSql(sql, policy);
  expect(verdict, `expected a refusal for: ${sql}`).toMatchObject({ allowed: false });
  const refused = verdict as RefusedVerdict;
  for (const fragment of fragments) expect(refused.reason.toLowerCase()).toContain(fragment.toLowerCase());
  return refused;
}

export function expectAllowed(sql: string, policy?: GuardPolicy): AllowedVerdict {
  const verdict = checkModelSql(sql, policy);
  if (!verdict.allowed) expect.fail(`expected ${JSON.stringify(sql)} to be allowed, but: ${verdict.reason}`);
  return verdict;
}
