import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TIMEOUTS, cliHome, scratchDir } from '../support/cli.js';
import { seededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';
import { runInTerminal } from '../support/terminal.js';

vi.setConfig(CLI_TIMEOUTS);

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

describe('zava-mcp on a terminal', () => {
  let database: CliDatabase;
  beforeAll(async () => {
    database = await seededCliDatabase('pglite');
  });
  afterAll(async () => database?.dispose());

  it('gives the cursor back when init is stopped with Ctrl-C while its progress bar runs', async () => {
    const dataDir = path.join(scratchDir('interrupted'), 'pgdata');
    const run = await runInTerminal(['init', '--data-dir', dataDir, '--scale', '1', '--embeddings', 'none'], { HOME: cliHome() }, HIDE_CURSOR);
    expect(run.code).toBe(130);
    const hidden = run.output.indexOf(HIDE_CURSOR);
    expect(hidden).toBeGreaterThanOrEqual(0);
    // The last word on the cursor is to show it.
    expect(run.output.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(run.output.lastIndexOf(HIDE_CURSOR));
  });

  it('says that serve waits for an MCP client on standard input and how to stop it, and stops on Ctrl-C', async () => {
    const run = await runInTerminal(['serve', '--store', 'seattle'], { HOME: cliHome(), ZAVA_EMBEDDINGS: 'none', ...database.env }, 'Press Ctrl-C to stop.');
    expect(run.output).toMatch(/Waiting for an MCP client on standard input, which is this terminal: .*Press Ctrl-C to stop\./s);
    expect(run.code).toBe(0);
  });
});
