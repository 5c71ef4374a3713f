import { createRequire } from 'node:module';
import path from 'node:path';

export interface LaunchSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * How an MCP client should start this very server: the same node, the same entry
 * point (through tsx when running from sources), the same binding and database.
 */
export function launchSpec(serveArgs: string[], env: Record<string, string> = {}): LaunchSpec {
  const entry = path.resolve(process.argv[1] ?? 'zava-mcp');
  const args = entry.endsWith('.ts') ? [tsxCli(), entry, ...serveArgs] : [entry, ...serveArgs];
  return { command: process.execPath, args, ...(Object.keys(env).length > 0 ? { env } : {}) };
}

function tsxCli(): string {
  return createRequire(import.meta.url).resolve('tsx/cli');
}

/** One line each, so that the banner stays one screen; the JSON is the same. */
export function vscodeSnippet(spec: LaunchSpec): string {
  return JSON.stringify({ servers: { 'zava-retail': { type: 'stdio', ...spec } } });
}

export function claudeDesktopSnippet(spec: LaunchSpec): string {
  return JSON.stringify({ mcpServers: { 'zava-retail': spec } });
}

export function inspectorCommand(spec: LaunchSpec): string {
  const quote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);
  const envArgs = Object.entries(spec.env ?? {}).map(([name, value]) => `-e ${name}=${quote(value)}`);
  return ['npx @modelcontextprotocol/inspector', ...envArgs, quote(spec.command), ...spec.args.map(quote)].join(' ');
}
