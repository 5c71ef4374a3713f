import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

type InputValidator = (tool: unknown, args: unknown, toolName: string) => Promise<unknown>;

/**
 * The SDK validates tool arguments itself and joins every zod issue with newlines.
 * Bad input must come back as one line naming the problem, so the first issue is
 * kept and the others are counted. (validateToolInput is the SDK's internal hook;
 * tests through a real client pin this behaviour.)
 */
export function oneLineInputErrors(server: McpServer): void {
  const target = server as unknown as { validateToolInput: InputValidator };
  const original = target.validateToolInput.bind(server);
  target.validateToolInput = async (tool, args, toolName) => {
    try {
      return await original(tool, args, toolName);
    } catch (error) {
      if (!(error instanceof McpError)) throw error;
      const lines = error.message.replace(/^MCP error -?\d+: /, '').split('\n').filter(Boolean);
      const more = lines.length > 1 ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})` : '';
      throw new McpError(error.code, `${lines[0] ?? 'invalid arguments'}${more}`);
    }
  };
}
