import type { TestProject } from 'vitest/node';
import { startTestInfrastructure, type TestInfrastructure } from './testInfrastructure.js';

declare module 'vitest' {
  export interface ProvidedContext {
    infrastructure: TestInfrastructure;
  }
}

/** Said before the tests and again after them, so that a skipped configuration cannot pass unnoticed. */
function engineConfigurations(info: TestInfrastructure): string {
  const pgvector = info.pgvector.available ? `pgvector: ${info.pgvector.description}` : `pgvector: NOT RUN (${info.pgvector.reason}); its tests are skipped`;
  return `engine configurations: pglite; postgres: ${info.postgres.description}; ${pgvector}`;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { info, stop } = await startTestInfrastructure();
  project.provide('infrastructure', info);
  console.error(engineConfigurations(info));
  return async () => {
    await stop();
    if (!info.pgvector.available) console.error(engineConfigurations(info));
  };
}
