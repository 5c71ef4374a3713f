import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export interface McpSession {
  client: Client;
  /** Milliseconds from spawning the process to the first tools/list answer. */
  readyMs: number;
  stderr: () => string;
  close: () => Promise<void>;
}

/** Spawns an MCP server over stdio and waits until it answers tools/list. */
export async function startMcpSession(command: string, args: string[], env: Record<string, string>): Promise<McpSession> {
  const started = performance.now();
  const transport = new StdioClientTransport({ command, args, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'zava-bench', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
  return {
    client,
    readyMs: performance.now() - started,
    stderr: () => stderr,
    close: () => client.close(),
  };
}

/** Latency of one tool call, failing loudly if the tool reports an error. */
export async function timeToolCall(client: Client, name: string, args: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const result = await client.callTool({ name, arguments: args });
  const elapsed = performance.now() - started;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content).slice(0, 300)}`);
  return elapsed;
}
