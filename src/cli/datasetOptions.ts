import type { Command } from 'commander';
import { DEFAULT_SEED } from '../seed/limits.js';
import { parseIsoDate, parseNonNegativeInteger, parseScale } from './optionParsers.js';

/** --seed, --scale, --as-of and --embeddings: what init and reset generate. */
export function addDatasetOptions(command: Command): Command {
  return command
    .option('--seed <n>', 'random seed: the same seed, scale and date give identical data', parseNonNegativeInteger, DEFAULT_SEED)
    .option('--scale <factor>', 'multiply customers, products and transactions', parseScale, 1)
    .option('--as-of <YYYY-MM-DD>', 'last day of the 12 months of sales (default: today, UTC)', parseIsoDate)
    .option('--embeddings <provider>', 'embed the products with local, openai or azure; none to skip (env ZAVA_EMBEDDINGS)');
}
