import { ZavaError } from '../errors.js';

/** pgvector's text form, '[0.1,0.2,...]', for a query parameter. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index]!;
    if (!Number.isFinite(value)) throw new ZavaError('embedding_failed', 'the embedding contains a value that is not a finite number');
    parts.push(String(value));
  }
  return `[${parts.join(',')}]`;
}

/** Dimensions end up in SQL text (typmods cannot be parameters): only ever a checked integer. */
export function checkedDimensions(dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2000) {
    throw new ZavaError('invalid_argument', `vectors of ${dimensions} dimensions cannot be indexed (1 to 2000)`);
  }
  return dimensions;
}
