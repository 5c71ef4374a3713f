import { z } from 'zod';
import type { StoreSession } from '../tenant/storeSession.js';

export const storeSummarySchema = z.object({
  store_id: z.string(),
  store_name: z.string(),
  store_location: z.string().nullable(),
  store_type: z.string().nullable(),
  region: z.string().nullable(),
});
export type StoreSummary = z.infer<typeof storeSummarySchema>;

/** The stores a session may see, read through that session (row-level security decides). */
export async function listBoundStores(session: StoreSession): Promise<StoreSummary[]> {
  return session.read(
    async (tx) => (await tx.query<StoreSummary>('SELECT store_id, store_name, store_location, store_type, region FROM stores ORDER BY store_id')).rows,
  );
}
