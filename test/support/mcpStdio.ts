import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cliNodeArgs, cliNodeArgsFromSources, REPO_ROOT } from './cliFromSources.js';
import { callTool, REQUEST_TIMEOUT_MS, type McpConnection } from './mcpConnection.js';

/*
 * The real MCP server over stdio, started exactly as a client configuration would
 * start it from a clone: node + tsx + src/cli/bin.ts serve. Only what a process
 * shows is tested this way (stdout hygiene, the banner, exits, signals); tools are
 * tested in process (mcpInProcess.ts).
 */

/** Generous: a server start costs a few seconds, far more on a loaded two-core machine. */
const CONNECT_TIMEOUT_MS = 180_000;
/** For the beforeAll that clones a database and starts a server; longer than the connect timeout, so that its error wins. */
export const SERVER_START_TIMEOUT_MS = 240_000;

/**
 * The whole environment of a server process: the database it must reach, PATH and
 * HOME, embeddings off unless a test asks for them, and nothing else of ours.
 */
export function serverEnv(databaseEnv: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ZAVA_EMBEDDINGS: 'none', ...databaseEnv, ...extra };
}

export interface StdioServer extends McpConnection {
  /** The server process, for signals. */
  pid: number | null;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Resolves with stderr once it contains `text` (the banner comes after the transport connects). */
  waitForStderr(text: string): Promise<string>;
  /** Resolves when the process has exited. */
  exited(): Promise<void>;
}

/**
 * Spawns `zava-mcp serve <args>` through the SDK's stdio transport, connects, and
 * lists the tools once so that the client validates every structuredContent
 * against the tool's outputSchema from then on.
 */
export async function startServer(args: readonly string[], env: Record<string, string>, { fromSources = false } = {}): Promise<StdioServer> {
  const nodeArgs = (fromSources ? cliNodeArgsFromSources : cliNodeArgs)(['serve', ...args]);
  const transport = new StdioClientTransport({ command: process.execPath, args: nodeArgs, env, cwd: REPO_ROOT, stderr: 'pipe' });
  let stderr = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    notify();
  });
  transport.stderr?.on('end', () => {
    ended = true;
    notify();
  });
  const client = new Client({ name: 'zava-mcp-e2e', version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  try {
    await client.connect(transport, { timeout: CONNECT_TIMEOUT_MS });
    await client.listTools(undefined, { timeout: REQUEST_TIMEOUT_MS });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new Error(`the MCP server did not start: ${error instanceof Error ? error.message : String(error)}\nstderr:\n${stderr}`);
  }
  const pid = transport.pid;
  return {
    client,
    pid,
    stderr: () => stderr,
    waitForStderr: (text) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (stderr.includes(text)) {
            waiters.delete(check);
            resolve(stderr);
          } else if (ended) {
            waiters.delete(check);
            reject(new Error(`the server's stderr ended without "${text}":\n${stderr}`));
          }
        };
        waiters.add(check);
        check();
      }),
    exited: () => (pid === null ? Promise.resolve() : waitForExit(pid)),
    protocolErrors,
    call: (name, toolArgs) => callTool(client, name, toolArgs),
    close: async () => {
      await client.close();
      // The SDK may return before the process is gone; a PGlite directory stays locked until it is.
      if (pid !== null) await waitForExit(pid);
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number): Promise<void> {
  for (let waited = 0; isRunning(pid); waited += 50) {
    if (waited >= 20_000) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
