import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout this test run belongs to. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI_ENTRY = path.join(REPO_ROOT, 'src', 'cli', 'bin.ts');

/** Set by the test run's global setup to the command line it compiled (test/support/compiledCli.ts). */
export const COMPILED_CLI_VARIABLE = 'ZAVA_TEST_COMPILED_CLI';

/**
 * Node's arguments that run `zava-mcp` from its TypeScript sources, as `npm start`
 * does: one process with tsx's loader, not tsx's CLI, which would start a second
 * Node process for every command a test runs.
 */
export function cliNodeArgsFromSources(args: readonly string[]): string[] {
  return ['--import', TSX_LOADER, CLI_ENTRY, ...args];
}

/**
 * Node's arguments that run `zava-mcp`: the test run's compiled copy of the sources
 * when there is one (the same code, without tsx's start-up), else the sources.
 */
export function cliNodeArgs(args: readonly string[]): string[] {
  const compiled = process.env[COMPILED_CLI_VARIABLE];
  return compiled ? [compiled, ...args] : cliNodeArgsFromSources(args);
}
