import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect, inject } from 'vitest';
import { cliNodeArgs, REPO_ROOT } from './cliFromSources.js';

/**
 * The real MCP server over stdio, started exactly as a client configuration would
 * start it from a clone: node + tsx + src/cli/bin.ts serve.
 */

export { REPO_ROOT };

/** Generous: a server start costs a few seconds, far more on a loaded two-core machine. */
const CONNECT_TIMEOUT_MS = 180_000;
/** For the beforeAll that clones a database and starts a server; longer than the connect timeout, so that its error wins. */
export const SERVER_START_TIMEOUT_MS = 240_000;
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The whole environment of a server process: the database it must reach, PATH and
 * HOME, embeddings off unless a test asks for them, and nothing else of ours.
 */
export function serverEnv(databaseEnv: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ZAVA_EMBEDDINGS: 'none', ...databaseEnv, ...extra };
}

export interface RunningServer {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Resolves with stderr once it contains `text` (the banner comes after the transport connects). */
  waitForStderr(text: string): Promise<string>;
  /** Errors the client transport saw; a stray non-protocol line on stdout would land here. */
  protocolErrors: Error[];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/**
 * Spawns `zava-mcp serve <args>` through the SDK's stdio transport, connects, and
 * lists the tools once so that the client validates every structuredContent
 * against the tool's outputSchema from then on.
 */
export async function startServer(args: readonly string[], env: Record<string, string>): Promise<RunningServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: cliNodeArgs(['serve', ...args]),
    env,
    cwd: REPO_ROOT,
    stderr: 'pipe',
  });
  let stderr = '';
  let exited = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    notify();
  });
  transport.stderr?.on('end', () => {
    exited = true;
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
  return {
    client,
    stderr: () => stderr,
    waitForStderr: (text) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (stderr.includes(text)) {
            waiters.delete(check);
            resolve(stderr);
          } else if (exited) {
            waiters.delete(check);
            reject(new Error(`the server's stderr ended without "${text}":\n${stderr}`));
          }
        };
        waiters.add(check);
        check();
      }),
    protocolErrors,
    call: async (name, toolArgs = {}) =>
      (await client.callTool({ name, arguments: toolArgs }, undefined, { timeout: REQUEST_TIMEOUT_MS })) as CallToolResult,
    close: async () => {
      const pid = transport.pid;
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

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion with stdin closed (a server that did start would stop at once). */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliNodeArgs(args), { env, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

/** The text of a tool result (content[0]), which must be non-empty text. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  expect(first?.type).toBe('text');
  const text = first?.type === 'text' ? first.text : '';
  expect(text.length).toBeGreaterThan(0);
  return text;
}

/** The structured content of a successful call (the client already validated it against the outputSchema). */
export function structuredOf<T>(result: CallToolResult): T {
  expect(result.isError, result.isError ? textOf(result) : '').toBeFalsy();
  expect(result.structuredContent).toBeDefined();
  textOf(result);
  return result.structuredContent as T;
}

/** Ways an error line could leak internals: a stack frame, a source path, a connection string, the data directory. */
export function expectNoInternals(text: string): void {
  const { runDir } = inject('infrastructure');
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toContain(REPO_ROOT);
  expect(text).not.toContain('node_modules');
  expect(text).not.toContain(runDir);
  expect(text).not.toMatch(/postgres(ql)?:\/\//);
  expect(text).not.toMatch(/\.(ts|js|mjs):\d+/);
}

/**
 * A failed call: isError, no structured content, one line naming the problem and
 * nothing internal. With `code`, the line is ours: `Error (<code>): ...`.
 */
export function expectToolError(result: CallToolResult, naming: RegExp | string, code?: string): string {
  expect(result.isError, JSON.stringify(result)).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const text = textOf(result);
  expect(text.split('\n'), text).toHaveLength(1);
  if (code !== undefined) expect(text).toMatch(new RegExp(`^Error \\(${code}\\): `));
  if (typeof naming === 'string') expect(text).toContain(naming);
  else expect(text).toMatch(naming);
  expectNoInternals(text);
  return text;
}
