import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout this test run belongs to. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI_ENTRY = path.join(REPO_ROOT, 'src', 'cli', 'bin.ts');

/**
 * Node's arguments that run `zava-mcp` from its TypeScript sources, as `npm start`
 * does: one process with tsx's loader, not tsx's CLI, which would start a second
 * Node process for every command a test runs.
 */
export function cliNodeArgs(args: readonly string[]): string[] {
  return ['--import', TSX_LOADER, CLI_ENTRY, ...args];
}
