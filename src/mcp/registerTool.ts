import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { CallAudit } from '../access/callAudit.js';
import { isZavaError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { outcomeOf, resultFacts } from './callFacts.js';
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

/** What every tool of a server shares besides its own context: where to log, and the audit of its calls. */
export interface ToolEnvironment {
  logger: Logger;
  audit: CallAudit;
}

const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/**
 * Registers a tool whose every failure becomes an isError result with one safe line,
 * and whose every call, answered or not, is audited before the answer leaves: a call
 * that cannot be audited fails instead of answering unaudited.
 */
export function registerTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  server: McpServer,
  environment: ToolEnvironment,
  tool: ToolDefinition<Input, Output>,
): void {
  const { logger, audit } = environment;
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
        const durationMs = performance.now() - started;
        logger.debug(`${tool.name} ok in ${durationMs.toFixed(1)} ms`);
        await audit.record({ tool: tool.name, arguments: args, outcome: 'ok', ...resultFacts(output.structured), durationMs });
        return toolSuccess(output.structured, output.text, output.image);
      } catch (error) {
        return failure(environment, tool.name, args, error, performance.now() - started);
      }
    }) as never,
  );
}

/** Logs and audits a failed call; when even the audit fails, that failure is the answer. */
async function failure({ logger, audit }: ToolEnvironment, name: string, args: unknown, error: unknown, durationMs: number): Promise<CallToolResult> {
  const level = isZavaError(error) && error.code !== 'internal' ? 'info' : 'error';
  logger[level](`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  if (level === 'error' && error instanceof Error && error.stack) logger.debug(error.stack);
  try {
    await audit.record({ tool: name, arguments: args, ...outcomeOf(error), durationMs });
  } catch (auditError) {
    logger.error(`${name}: ${auditError instanceof Error ? auditError.message : String(auditError)}`);
    return toolFailure(auditError);
  }
  return toolFailure(error);
}
