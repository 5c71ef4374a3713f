import { vi } from 'vitest';
import { CLI_TIMEOUTS } from '../support/cli.js';
import { describeSqlCommand } from './sqlCommand.js';

vi.setConfig(CLI_TIMEOUTS);

describeSqlCommand('postgres');
