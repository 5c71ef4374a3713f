import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/**
 * An SDK client connected to `server` through the SDK's in-memory transport pair.
 * Messages to the client go through JSON, as they would on stdio or HTTP, so a
 * value that would not survive the wire does not pass here either.
 */
export async function connectInProcessClient(server: McpServer, name = 'zava-retail-mcp-in-process'): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const send = serverTransport.send.bind(serverTransport);
  serverTransport.send = (message, options) => send(JSON.parse(JSON.stringify(message)) as typeof message, options);
  await server.connect(serverTransport);
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(clientTransport);
  // Listing once makes the client check every structuredContent against the tool's outputSchema.
  await client.listTools();
  return client;
}
