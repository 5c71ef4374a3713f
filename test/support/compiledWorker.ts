import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPgliteWorkersFrom } from '../../src/db/pglite/workerClient.js';
import { COMPILED_CLI_VARIABLE } from './cliFromSources.js';

// Every test file's PGlite workers run the run's compiled copy of the same sources
// (test/support/compiledCli.ts) instead of registering tsx in each worker.
const compiledCli = process.env[COMPILED_CLI_VARIABLE];
if (compiledCli) runPgliteWorkersFrom(pathToFileURL(path.join(path.dirname(compiledCli), '..', 'db', 'pglite', 'worker.js')));
