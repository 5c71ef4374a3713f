import { ZavaError } from '../errors.js';

/** Which stores a server or command acts for: some stores by id, or all of them (head office). */
export type StoreBinding = { kind: 'all' } | { kind: 'stores'; storeIds: string[] };

const STORE_ID = /^[a-z0-9][a-z0-9_-]{0,49}$/;

/** Parses `seattle`, `seattle,redmond` or `*`. */
export function parseStoreBinding(text: string): StoreBinding {
  const trimmed = text.trim();
  if (trimmed === '*') return { kind: 'all' };
  const storeIds = [...new Set(trimmed.split(',').map((id) => id.trim()).filter(Boolean))];
  if (storeIds.length === 0) throw new ZavaError('invalid_argument', 'the store binding is empty; give a store id, a comma-separated list, or *');
  const invalid = storeIds.find((id) => !STORE_ID.test(id));
  if (invalid !== undefined) {
    throw new ZavaError('invalid_argument', `"${invalid}" is not a store id (lowercase letters, digits, - and _)`);
  }
  return { kind: 'stores', storeIds };
}

export function describeBinding(binding: StoreBinding, resolved: readonly string[]): string {
  return binding.kind === 'all' ? `all stores (${resolved.join(', ')})` : resolved.join(', ');
}
