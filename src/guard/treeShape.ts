import { POSITION_KEYS } from './nodeShapes.js';

/**
 * A parse tree as canonical JSON without positions: two texts with the same
 * shape mean the same statement, wherever their tokens stand.
 */
export function treeShape(tree: unknown): string {
  return JSON.stringify(tree, (key, value: unknown) => (POSITION_KEYS.has(key) ? undefined : value));
}
