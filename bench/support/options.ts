import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The options every benchmark takes, for node:util parseArgs. */
export const OUTPUT_OPTIONS = {
  out: { type: 'string' },
  label: { type: 'string' },
  'no-write': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** Where a benchmark writes its results, from OUTPUT_OPTIONS. */
export interface OutputSettings {
  out: string;
  label: string | undefined;
  write: boolean;
}

export function outputSettings(values: { out?: string; label?: string; 'no-write'?: boolean }, defaultOut: string): OutputSettings {
  return { out: path.resolve(values.out ?? defaultOut), label: values.label, write: !values['no-write'] };
}

/**
 * Writes a benchmark's results as <out>/<name>-<date>[-label].md and .json;
 * returns that path without its extension.
 */
export function writeResults(settings: OutputSettings, name: string, date: string, markdown: string, report: unknown): string {
  mkdirSync(settings.out, { recursive: true });
  const base = path.join(settings.out, `${name}-${date}${settings.label ? `-${settings.label.replace(/[^\w.-]+/g, '-')}` : ''}`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  return base;
}

/** A numeric option: the fallback when absent, otherwise a number (an integer if asked) of at least `least`. */
export function numberOption(value: string | undefined, name: string, fallback: number, { integer = true, least = 0 } = {}): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < least || (integer && !Number.isInteger(parsed))) {
    throw new BenchUsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${least}, not ${value}`);
  }
  return parsed;
}

/** A mistake on the benchmark's command line: said in one line, exit code 2. */
export class BenchUsageError extends Error {}

function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: unknown }).code;
  return error instanceof BenchUsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'));
}

/** Runs a benchmark's main: a usage mistake is one line and exit 2; anything else keeps its stack (it is a bug to look at) and exits 1. */
export async function runBench(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (isUsageError(error)) {
      console.error(`bench: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  }
}
