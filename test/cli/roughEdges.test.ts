import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, inject, it, vi } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { CLI_TIMEOUTS, lines, REPO, runCli, scratchDir, unprivilegedUser } from '../support/cli.js';

vi.setConfig(CLI_TIMEOUTS);

/*
 * What a new user ran into, each kept from coming back: data directories that
 * cannot be used, paths that meant something else, databases created by mistake,
 * misspelt commands and flags, and npm's noise.
 */

/** A directory the unprivileged user may enter and read, and may not write. */
function readOnlyDirectory(prefix: string): string {
  const dir = scratchDir(prefix);
  chmodSync(path.dirname(dir), 0o755);
  chmodSync(dir, 0o555);
  return dir;
}

describe('data directories that cannot be used say what and where', () => {
  it('names a data directory that is a file, with what to do', async () => {
    const file = path.join(scratchDir('file'), 'pgdata');
    writeFileSync(file, 'not a database');
    const run = await runCli(['init', '--data-dir', file, '--scale', '0.05']);
    expect(run.code).not.toBe(0);
    expect(lines(run.stderr)).toEqual([`zava-mcp init: the data directory ${file} is a file, not a directory; pass --data-dir (or ZAVA_DATA_DIR) naming a directory`]);
  });

  it('names a read-only data directory and the cause (EACCES), instead of "internal error"', async () => {
    const parent = readOnlyDirectory('readonly');
    const dataDir = path.join(parent, 'pgdata');
    // A real database in a directory the user may read but not write.
    chmodSync(parent, 0o755);
    cpSync(inject('infrastructure').pglite.templateDir, dataDir, { recursive: true });
    spawnSync('chmod', ['-R', 'a+rX,a-w', dataDir]);
    const user = unprivilegedUser();
    const run = await runCli(['sql', '--admin', '--data-dir', dataDir, '-c', 'SELECT 1'], user ? { user } : {});
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `zava-mcp sql: cannot write to the data directory ${dataDir}: permission denied (EACCES); PGlite writes to its data directory even to read; make it writable, or choose another with --data-dir or ZAVA_DATA_DIR`,
    ]);
  });

  it('names the default data directory under an unwritable HOME, and how to choose another', async () => {
    const home = readOnlyDirectory('home');
    const user = unprivilegedUser();
    const run = await runCli(['init', '--scale', '0.05', '--embeddings', 'none'], { home, ...(user ? { user } : {}) });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `zava-mcp init: cannot create the data directory ${path.join(home, '.local', 'share', 'zava-retail-mcp', 'pgdata')}: permission denied (EACCES); choose a directory you can write to with --data-dir or ZAVA_DATA_DIR`,
    ]);
  });
});

describe('paths mean what the user meant', () => {
  it('expands ~ and resolves relative paths to absolute ones before anything uses or prints them', () => {
    const home = process.env.HOME!;
    expect(loadSettings({ env: {}, overrides: { dataDir: '~/zava/pgdata' } }).dataDir).toBe(path.join(home, 'zava', 'pgdata'));
    expect(loadSettings({ env: { ZAVA_DATA_DIR: 'relative/pgdata' } }).dataDir).toBe(path.resolve('relative/pgdata'));
    expect(loadSettings({ env: { ZAVA_MODEL_DIR: '~/models/minilm' } }).modelDir).toBe(path.join(home, 'models', 'minilm'));
    expect(loadSettings({ env: { ZAVA_DATA_DIR: 'memory://' } }).dataDir).toBe('memory://');
  });

  it('creates --data-dir=~/db in the home directory (a shell leaves ~ after = alone), never a folder named ~, and says where', async () => {
    const home = scratchDir('tilde');
    const run = await runCli(['init', '--data-dir=~/db', '--scale', '0.05', '--as-of', '2025-03-31', '--embeddings', 'none'], { home, cwd: home });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`at ${path.join(home, 'db')} `);
    expect(existsSync(path.join(home, 'db', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(home, '~'))).toBe(false);
    // A relative path from the same directory reaches the same database.
    const relative = await runCli(['sql', '--admin', '--data-dir', 'db', '-c', 'SELECT count(*) AS stores FROM stores'], { home, cwd: home });
    expect(relative.stderr).toBe('');
    expect(JSON.parse(relative.stdout)).toEqual([{ stores: 4 }]);
  });
});

describe('the command line answers a mistake with the right name', () => {
  it('says "unknown command" with a suggestion for a misspelt command, instead of taking it for serve', async () => {
    const run = await runCli(['inti']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^zava-mcp: unknown command 'inti' \(did you mean init\?\); commands: serve, init, /)]);
  });

  it('names --store, not ZAVA_STORE, for an empty --store', async () => {
    const run = await runCli(['serve', '--store', '', '--data-dir', 'memory://']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['zava-mcp serve: invalid --store: must not be empty']);
  });
});

describe('npm in the checkout', () => {
  it('prints no warning about the project configuration on every command', () => {
    const run = spawnSync('npm', ['pkg', 'get', 'name'], { cwd: REPO, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/Unknown project config/);
    expect(existsSync(path.join(REPO, '.npmrc'))).toBe(false);
  });

  it('keeps onnxruntime-node from downloading at install (offline machines), and the lock agrees with package.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; allowScripts: Record<string, boolean> };
    expect(manifest.allowScripts['onnxruntime-node']).toBe(false);
    const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }> };
    expect(lock.packages['']!.dependencies).toEqual(manifest.dependencies);
    expect(lock.packages['']!.devDependencies).toEqual(manifest.devDependencies);
  });

  it('installs without an engine warning on the oldest Node it promises: no package a user installs asks for a newer one', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(manifest.engines.node)!.version;
    const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }> };
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.dev && !Array.isArray(entry.engines) && entry.engines?.node !== undefined)
      .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
      .map(([name, entry]) => `${name} (node ${(entry.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });
});

describe('a directory without a database is not turned into one', () => {
  it('refuses to create a database in a directory of other files', async () => {
    const dir = scratchDir('documents');
    mkdirSync(path.join(dir, 'notes'));
    const run = await runCli(['init', '--data-dir', dir, '--scale', '0.05']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([`zava-mcp init: the directory ${dir} holds other files and no database; choose a new or empty directory for --data-dir`]);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(false);
  });
});
