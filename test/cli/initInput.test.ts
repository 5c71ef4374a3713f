import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EACH_ENGINE } from '../support/seededDatabase.js';
import { CLI_TIMEOUTS, lines, runCli, scratchDir, STACK_FRAME } from '../support/cli.js';
import { emptyInitTarget, type InitTarget } from '../support/cliDatabases.js';

vi.setConfig(CLI_TIMEOUTS);

const EXIT_USAGE = 2;

/** Bad command lines for init, each with what its one-line error must name. */
const BAD_ARGUMENTS: { name: string; args: string[]; names: RegExp }[] = [
  { name: 'a misspelt flag (--sacle 2)', args: ['--sacle', '2'], names: /--sacle/ },
  { name: 'a negative scale', args: ['--scale', '-1'], names: /--scale/ },
  { name: 'a zero scale', args: ['--scale', '0'], names: /--scale/ },
  { name: 'a scale that is not a number', args: ['--scale', 'lots'], names: /--scale/ },
  { name: 'an impossible date (--as-of 2025-13-45)', args: ['--as-of', '2025-13-45'], names: /--as-of/ },
  { name: 'a date in words (--as-of yesterday)', args: ['--as-of', 'yesterday'], names: /--as-of/ },
  { name: 'a negative seed', args: ['--seed', '-1'], names: /--seed/ },
];

async function rejectsAndWritesNothing(target: InitTarget, args: string[], names: RegExp): Promise<void> {
  // A small scale unless the scale is what is wrong, so that an accepted mistake stays quick.
  const scale = args.includes('--scale') ? [] : ['--scale', '0.05'];
  const run = await runCli(['init', ...target.args, ...scale, ...args], { env: { ZAVA_EMBEDDINGS: 'none' } });
  expect(run.stdout).toBe('');
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(names);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.code).toBe(EXIT_USAGE);
  expect(await target.isUntouched()).toBe(true);
}

// The command line is parsed before any engine is chosen, so these run against the
// target that a write would create: a PGlite directory that does not exist yet.
describe('zava-mcp init with bad arguments', () => {
  it.each(BAD_ARGUMENTS)('rejects $name with a one-line error naming it, exit code 2, and creates no data directory', async ({ args, names }) => {
    const target = await emptyInitTarget('pglite');
    await rejectsAndWritesNothing(target, args, names);
  });

  // The scale's upper bound is checked while the command line is parsed, before either engine is opened.
  it.each(EACH_ENGINE)('rejects a scale above the maximum on %s with exit code 2 and writes nothing', async (kind) => {
    const target = await emptyInitTarget(kind);
    try {
      await rejectsAndWritesNothing(target, ['--scale', '1001'], /--scale.*'1001'.*at most 1000\./);
    } finally {
      await target.dispose();
    }
  });
});

describe('zava-mcp init with a bad configuration', () => {
  it('rejects both --data-dir and --database-url with one line naming them, exit code 2, and touches neither', async () => {
    const [pglite, postgres] = [await emptyInitTarget('pglite'), await emptyInitTarget('postgres')];
    try {
      const run = await runCli(['init', ...pglite.args, ...postgres.args, '--scale', '0.05'], { env: { ZAVA_EMBEDDINGS: 'none' } });
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toHaveLength(1);
      expect(run.stderr).toContain('--data-dir');
      expect(run.stderr).toContain('--database-url');
      expect(run.code).toBe(EXIT_USAGE);
      expect(await pglite.isUntouched()).toBe(true);
      expect(await postgres.isUntouched()).toBe(true);
    } finally {
      await Promise.all([pglite.dispose(), postgres.dispose()]);
    }
  });

  it('rejects a misspelt environment variable by name, suggests the right one, and creates no database anywhere', async () => {
    const home = scratchDir('typo-home');
    const intended = path.join(scratchDir('typo'), 'pgdata');
    const run = await runCli(['init', '--scale', '0.05'], { home, env: { ZAVA_DATA_DIRR: intended, ZAVA_EMBEDDINGS: 'none' } });
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('ZAVA_DATA_DIRR');
    expect(run.stderr).toMatch(/did you mean ZAVA_DATA_DIR\?/);
    expect(run.code).toBe(EXIT_USAGE);
    expect(existsSync(intended)).toBe(false);
    // Ignoring the typo would have fallen back to the per-user data directory under HOME.
    expect(readdirSync(home)).toEqual([]);
  });

  it('reports an unreachable DATABASE_URL in one line without its password', async () => {
    const run = await runCli(['init', '--scale', '0.05'], { env: { DATABASE_URL: 'postgres://zava:s3cret@127.0.0.1:1/retail', ZAVA_EMBEDDINGS: 'none' } });
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('127.0.0.1:1');
    expect(run.stderr).not.toContain('s3cret');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code).not.toBe(0);
  });
});
