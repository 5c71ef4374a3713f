import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { hidePaths } from '../errorText.js';
import { describeError, isZavaError } from '../errors.js';

/** A successful tool call: structured content for programs, compact text for the model. */
export function toolSuccess(structured: Record<string, unknown>, text: string): CallToolResult {
  return { structuredContent: structured, content: [{ type: 'text', text }] };
}

/**
 * A failed tool call, on the tool-error channel (isError), with one safe line: the
 * message of our typed errors (PostgreSQL's message and position for SQL), never a
 * stack, a connection string or a path (hidePaths catches one that a message carries).
 */
export function toolFailure(error: unknown): CallToolResult {
  const code = isZavaError(error) ? error.code : 'internal';
  return { isError: true, content: [{ type: 'text', text: `Error (${code}): ${hidePaths(describeError(error))}` }] };
}
