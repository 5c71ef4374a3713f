import { describeError, isZavaError } from '../errors.js';
import { EXIT_FAILURE, EXIT_USAGE } from './exitCodes.js';

const USAGE_CODES = new Set(['config_invalid', 'usage', 'invalid_argument', 'unknown_store', 'inactive_store']);

/** Prints one line naming the problem (never a stack) and returns the exit code. */
export function reportFailure(command: string, error: unknown): number {
  console.error(`zava-mcp ${command}: ${describeError(error)}`);
  if (process.env.ZAVA_LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  return isZavaError(error) && USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILURE;
}
