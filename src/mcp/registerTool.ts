import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { isZavaError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { toolFailure, toolSuccess, type ToolImage } from './toolResult.js';

export interface ToolOutput<Output extends z.ZodObject> {
  structured: z.infer<Output>;
  text: string;
  /** A picture shown after the text (charts). */
  image?: ToolImage;
}

/** A tool: its input and output as zod objects, the handler's types derived from them. */
export interface ToolDefinition<Input extends z.ZodObject, Output extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations?: ToolAnnotations;
  handler: (args: z.output<Input>) => Promise<ToolOutput<Output>>;
}

const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** Registers a tool whose every failure becomes an isError result with one safe line. */
export function registerTool<Input extends z.ZodObject, Output extends z.ZodObject>(server: McpServer, logger: Logger, tool: ToolDefinition<Input, Output>): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: { title: tool.title, ...READ_ONLY, ...tool.annotations },
    },
    // The SDK types the callback from the schema; ours is checked against the same schema.
    (async (args: z.output<Input>): Promise<CallToolResult> => {
      const started = performance.now();
      try {
        const output = await tool.handler(args);
        logger.debug(`${tool.name} ok in ${(performance.now() - started).toFixed(1)} ms`);
        return toolSuccess(output.structured, output.text, output.image);
      } catch (error) {
        const level = isZavaError(error) && error.code !== 'internal' ? 'info' : 'error';
        logger[level](`${tool.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (level === 'error' && error instanceof Error && error.stack) logger.debug(error.stack);
        return toolFailure(error);
      }
    }) as never,
  );
}
