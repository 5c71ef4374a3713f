import type { Rng } from './random.js';

/**
 * Clustered synthetic embeddings: random unit centroids; each vector is a centroid
 * plus isotropic Gaussian noise, normalised. With noise of norm r (per component
 * r / sqrt(d)) two vectors of one cluster have cosine about 1 / (1 + r^2) and
 * vectors of different clusters about 0, roughly what text embeddings of one topic
 * and of unrelated topics look like.
 */
export interface ClusterSpace {
  dimensions: number;
  centroids: Float64Array[];
  /** Norm of the noise added to a centroid (before normalising). */
  noise: number;
}

export function clusterSpace(rng: Rng, dimensions: number, clusters: number, noise: number): ClusterSpace {
  const centroids: Float64Array[] = [];
  for (let c = 0; c < clusters; c++) {
    const centroid = new Float64Array(dimensions);
    for (let i = 0; i < dimensions; i++) centroid[i] = rng.gaussian();
    centroids.push(normalised(centroid));
  }
  return { dimensions, centroids, noise };
}

/** One vector drawn from a random cluster of the space, unit length. */
export function sampleVector(rng: Rng, space: ClusterSpace): Float64Array {
  const centroid = rng.pick(space.centroids);
  const sigma = space.noise / Math.sqrt(space.dimensions);
  const vector = new Float64Array(space.dimensions);
  for (let i = 0; i < space.dimensions; i++) vector[i] = centroid[i]! + sigma * rng.gaussian();
  return normalised(vector);
}

function normalised(vector: Float64Array): Float64Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}

/** Components of a stored vector are sent as integers: the unit vector times this. */
export const STORED_SCALE = 1_000_000;

/**
 * pgvector's text form of `vector` times STORED_SCALE, rounded: integers. PGlite's
 * WebAssembly float parser (musl strtof, soft-float long double) is about ten
 * times slower on decimal fractions than on short integers, which made a 100k
 * bulk load take many minutes. Cosine distance ignores length, and the HNSW
 * cosine opclass normalises what it indexes, so these rows search exactly like
 * the unit vectors (to 1e-6 per component).
 */
export function storedVectorText(vector: ArrayLike<number>): string {
  const parts = new Array<number>(vector.length);
  for (let i = 0; i < vector.length; i++) parts[i] = Math.round(vector[i]! * STORED_SCALE);
  return `[${parts.join(',')}]`;
}
