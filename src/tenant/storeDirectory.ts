import { ZavaError } from '../errors.js';
import type { DatabasePort } from '../db/port.js';
import type { StoreBinding } from './storeBinding.js';

export interface StoreRecord {
  store_id: string;
  store_name: string;
  region: string | null;
  is_active: boolean;
}

/** Every store, read as the owner (the directory, not tenant data). */
export async function listAllStores(db: DatabasePort): Promise<StoreRecord[]> {
  const result = await db.query<StoreRecord>(
    'SELECT store_id, store_name, region, is_active FROM retail.stores ORDER BY store_id',
  );
  return result.rows;
}

/**
 * Turns a binding into the explicit list of active stores it names; an unknown or
 * inactive store is an error that lists the stores there are.
 */
export async function resolveStoreBinding(db: DatabasePort, binding: StoreBinding): Promise<string[]> {
  const stores = await listAllStores(db);
  const active = stores.filter((store) => store.is_active).map((store) => store.store_id);
  if (binding.kind === 'all') {
    if (active.length === 0) throw new ZavaError('unknown_store', 'this database has no active stores');
    return active;
  }
  for (const id of binding.storeIds) {
    const store = stores.find((candidate) => candidate.store_id === id);
    if (!store) throw new ZavaError('unknown_store', `unknown store "${id}"; stores: ${describeStores(stores)}`);
    if (!store.is_active) throw new ZavaError('inactive_store', `store "${id}" is inactive; active stores: ${active.join(', ')}`);
  }
  return [...binding.storeIds].sort();
}

function describeStores(stores: readonly StoreRecord[]): string {
  return stores.map((store) => `${store.store_id} (${store.store_name}${store.is_active ? '' : ', inactive'})`).join(', ');
}
