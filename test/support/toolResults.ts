import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect, inject } from 'vitest';
import { REPO_ROOT } from './cliFromSources.js';

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
