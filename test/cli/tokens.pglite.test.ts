import { vi } from 'vitest';
import { CLI_TIMEOUTS } from '../support/cli.js';
import { describeTokensCommand } from './tokensCommand.js';

vi.setConfig(CLI_TIMEOUTS);

describeTokensCommand('pglite');
