import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { renderTableDescription } from '../../services/schemaCatalog.js';
import type { ToolContext } from '../toolContext.js';

export const SCHEMA_URI_PREFIX = 'zava://schema/retail/';

/** One resource per retail table: its structure and comments, as the model should read them. */
export function registerTableResources(server: McpServer, context: ToolContext): void {
  for (const table of context.tables) {
    const uri = `${SCHEMA_URI_PREFIX}${table.table}`;
    server.registerResource(
      `table-${table.table}`,
      uri,
      {
        title: `Table ${table.qualifiedName}`,
        description: table.description ?? `Structure of ${table.qualifiedName}`,
        mimeType: 'text/plain',
      },
      async () => ({ contents: [{ uri, mimeType: 'text/plain', text: renderTableDescription(table) }] }),
    );
  }
}
