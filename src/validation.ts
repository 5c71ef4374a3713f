import type { z } from 'zod';
import { ZavaError } from './errors.js';

/** Parses with zod; a failure becomes one line naming the field and the problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ZavaError('invalid_argument', `${field}${issue?.message ?? 'invalid value'}`);
}
