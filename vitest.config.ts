import { defineConfig } from 'vitest/config';
import ProcessSuitesFirst from './test/support/processSuitesFirst.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Two cores: PGlite and the native server both want CPU; more workers only thrash.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['test/support/globalSetup.ts'],
    setupFiles: ['test/support/compiledWorker.ts'],
    sequence: { sequencer: ProcessSuitesFirst },
  },
});
