import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { hidePaths } from '../errorText.js';
import { describeError, isZavaError } from '../errors.js';

/** An image content block's payload. */
export interface ToolImage {
  mimeType: string;
  data: Buffer;
}

/** A successful tool call: structured content for programs, compact text for the model, and a picture when there is one. */
export function toolSuccess(structured: Record<string, unknown>, text: string, image?: ToolImage): CallToolResult {
  const content: CallToolResult['content'] = [{ type: 'text', text }];
  if (image) content.push({ type: 'image', mimeType: image.mimeType, data: image.data.toString('base64') });
  return { structuredContent: structured, content };
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
