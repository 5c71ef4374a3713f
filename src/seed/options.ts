import { z } from 'zod';
import { ZavaError } from '../errors.js';
import { isRealCalendarDate } from './calendar.js';
import { MAX_SCALE } from './limits.js';

export { DEFAULT_SEED, DEFAULT_VOLUME, MAX_SCALE } from './limits.js';

export interface GenerateOptions {
  /** Any non-negative integer; the same seed, scale and asOf always give the same rows. */
  seed: number;
  /** Multiplies customers, products and transactions (each at least 1). */
  scale: number;
  /** The last day of the sales history, `YYYY-MM-DD` (UTC). */
  asOf: string;
}

const dateMessage = 'asOf must be a calendar date written YYYY-MM-DD between 1900-01-01 and 9998-12-31';

const generateOptionsSchema = z.object(
  {
    seed: z
      .number({ error: 'seed must be a non-negative integer' })
      .int({ error: 'seed must be a non-negative integer' })
      .nonnegative({ error: 'seed must be a non-negative integer' }),
    scale: z
      .number({ error: `scale must be a positive number no greater than ${MAX_SCALE}` })
      .positive({ error: `scale must be a positive number no greater than ${MAX_SCALE}` })
      .max(MAX_SCALE, { error: `scale must be a positive number no greater than ${MAX_SCALE}` }),
    asOf: z
      .string({ error: dateMessage })
      .refine((text) => isRealCalendarDate(text) && text >= '1900-01-01' && text <= '9998-12-31', { error: dateMessage }),
  },
  { error: 'options must be an object with seed, scale and asOf' },
);

export function parseGenerateOptions(options: unknown): GenerateOptions {
  const result = generateOptionsSchema.safeParse(options);
  if (!result.success) throw new ZavaError('invalid_argument', result.error.issues[0]?.message ?? 'invalid generator options');
  return result.data;
}

/** max(1, round(base * scale)). */
export function scaledCount(base: number, scale: number): number {
  return Math.max(1, Math.round(base * scale));
}

const batchSizeSchema = z
  .number({ error: 'batchSize must be an integer between 1 and 100000' })
  .int({ error: 'batchSize must be an integer between 1 and 100000' })
  .min(1, { error: 'batchSize must be an integer between 1 and 100000' })
  .max(100_000, { error: 'batchSize must be an integer between 1 and 100000' });

export function parseBatchSize(batchSize: unknown, fallback: number): number {
  if (batchSize === undefined) return fallback;
  const result = batchSizeSchema.safeParse(batchSize);
  if (!result.success) throw new ZavaError('invalid_argument', result.error.issues[0]?.message ?? 'invalid batchSize');
  return result.data;
}
