import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

type InputValidator = (tool: unknown, args: unknown, toolName: string) => Promise<unknown>;

/**
 * The SDK validates tool arguments itself and joins every zod issue with newlines.
 * Bad input must come back as one line naming the problem, so the first issue is
 * kept and the others are counted, and the refusal is audited like any call. validateToolInput is the SDK's private hook and
 * no public one exists (a schema that parsed leniently would lose the published
 * JSON Schema), so the SDK is pinned to one exact version in package.json and
 * test/mcp/sdkCoupling.test.ts fails first when an upgrade moves the hook.
 */
export function oneLineInputErrors(server: McpServer, onRefused: (toolName: string, args: unknown, reason: string) => Promise<void>): void {
  const target = server as unknown as { validateToolInput?: InputValidator };
  if (typeof target.validateToolInput !== 'function') {
    throw new Error('this MCP SDK has no validateToolInput hook: check oneLineInputErrors against the new SDK before upgrading');
  }
  const original = target.validateToolInput.bind(server);
  target.validateToolInput = async (tool, args, toolName) => {
    try {
      return await original(tool, args, toolName);
    } catch (error) {
      if (!(error instanceof McpError)) throw error;
      const lines = error.message.replace(/^MCP error -?\d+: /, '').split('\n').filter(Boolean);
      const more = lines.length > 1 ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})` : '';
      const reason = `${lines[0] ?? 'invalid arguments'}${more}`;
      // Refused before any tool code ran: audited here, or not at all.
      await onRefused(toolName, args, reason);
      throw new McpError(error.code, reason);
    }
  };
}
