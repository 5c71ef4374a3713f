import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneSeededDatabase, ENGINE_KINDS, type SeededDatabase } from '../support/engines.js';
import { expectNoInternals, runCli, serverEnv, SERVER_START_TIMEOUT_MS, type CliOutcome } from '../support/mcpClient.js';

const STORES = ['bellevue', 'online', 'redmond', 'seattle'];

/** A refused start: a non-zero exit, nothing on stdout, one failure line and no stack trace. */
function expectOneFailureLine(outcome: CliOutcome): string {
  expect(outcome.code).not.toBe(0);
  expect(outcome.code).not.toBeNull();
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).not.toMatch(/^\s+at /m);
  const lines = outcome.stderr.split('\n').filter((line) => line.startsWith('zava-mcp'));
  expect(lines, outcome.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^zava-mcp serve: /);
  expectNoInternals(lines[0]!);
  return lines[0]!;
}

describe.each(ENGINE_KINDS)('the MCP server refusing to start on %s', (kind) => {
  let database: SeededDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await cloneSeededDatabase(kind);
    // PGlite data directories take a lock: the server processes open this one next.
    if (kind === 'pglite') await database.closeEngine();
    env = serverEnv(database.env);
  }, SERVER_START_TIMEOUT_MS);
  afterAll(async () => database?.dispose());

  it('exits non-zero with one line listing the stores when the bound store does not exist', async () => {
    const line = expectOneFailureLine(await runCli(['serve', '--store', 'atlantis'], env));
    expect(line).toContain('"atlantis"');
    for (const store of STORES) expect(line).toContain(store);
  });

  it('exits non-zero naming --store and ZAVA_STORE when no store binding is configured', async () => {
    const line = expectOneFailureLine(await runCli(['serve'], env));
    expect(line).toContain('--store');
    expect(line).toContain('ZAVA_STORE');
  });

  it('exits non-zero naming a misspelt ZAVA_ variable and suggesting the right one', async () => {
    const line = expectOneFailureLine(await runCli(['serve'], { ...env, ZAVA_STOR: 'seattle' }));
    expect(line).toContain('unknown setting ZAVA_STOR ');
    expect(line).toContain('did you mean ZAVA_STORE?');
  });
});
