import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { listBoundStores, storeSummarySchema } from '../../services/boundStores.js';
import { registerTool } from '../registerTool.js';
import type { ToolContext } from '../toolContext.js';

export function registerListStoresTool(server: McpServer, context: ToolContext): void {
  registerTool(server, context, {
    name: 'list_stores',
    title: 'Stores this server may see',
    description: 'The stores this server is bound to (its data scope). Every other tool sees exactly these stores.',
    inputSchema: z.object({}),
    outputSchema: z.object({ stores: z.array(storeSummarySchema) }),
    handler: async () => {
      const stores = await listBoundStores(context.session);
      const text = stores.map((s) => `${s.store_id}: ${s.store_name} (${s.store_location ?? 'n/a'}, ${s.store_type ?? 'n/a'}, region ${s.region ?? 'n/a'})`).join('\n');
      return { structured: { stores }, text };
    },
  });
}
