import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { withStoreContext } from '../../tenant/withStoreContext.js';
import type { AppServices } from '../appServices.js';
import { registerTool } from '../registerTool.js';

const storeSchema = z.object({
  store_id: z.string(),
  store_name: z.string(),
  store_location: z.string().nullable(),
  store_type: z.string().nullable(),
  region: z.string().nullable(),
});

export function registerListStoresTool(server: McpServer, app: AppServices): void {
  registerTool(server, app.logger, {
    name: 'list_stores',
    title: 'Stores this server may see',
    description: 'The stores this server is bound to (its data scope). Every other tool sees exactly these stores.',
    inputSchema: {},
    outputSchema: { stores: z.array(storeSchema) },
    handler: async () => {
      const stores = await withStoreContext(
        app.db,
        app.storeIds,
        async (tx) =>
          (
            await tx.query<z.infer<typeof storeSchema>>(
              'SELECT store_id, store_name, store_location, store_type, region FROM stores ORDER BY store_id',
              [],
              { timeoutMs: app.settings.statementTimeoutMs },
            )
          ).rows,
        { readOnly: true },
      );
      const text = stores.map((s) => `${s.store_id}: ${s.store_name} (${s.store_location ?? 'n/a'}, ${s.store_type ?? 'n/a'}, region ${s.region ?? 'n/a'})`).join('\n');
      return { structured: { stores }, text };
    },
  });
}
