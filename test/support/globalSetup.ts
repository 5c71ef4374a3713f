import type { TestProject } from 'vitest/node';
import { startTestInfrastructure, type TestInfrastructure } from './testInfrastructure.js';

declare module 'vitest' {
  export interface ProvidedContext {
    infrastructure: TestInfrastructure;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { info, stop } = await startTestInfrastructure();
  project.provide('infrastructure', info);
  return stop;
}
