import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Suites whose every test starts processes (the command line, npm): the long ones. */
const PROCESS_SUITES = ['/test/cli/', '/test/package/'];

/**
 * Without a results cache (a fresh clone, as in CI) vitest runs larger files first,
 * and the per-engine CLI suites are two-line files: they ran last, keeping one
 * worker busy for a minute after the other had finished. Suites that start
 * processes go first; within each group vitest's own order stands.
 */
export default class ProcessSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const startsProcesses = (file: TestSpecification) => (PROCESS_SUITES.some((suite) => file.moduleId.includes(suite)) ? 0 : 1);
    return (await super.sort(files)).sort((a, b) => startsProcesses(a) - startsProcesses(b));
  }
}
