import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { cliNodeArgs, REPO_ROOT } from './cliFromSources.js';

/** The checkout: the CLI runs from its sources through tsx, as `npm run zava` does. */
export const REPO = REPO_ROOT;

export interface CliRun {
  /** The exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Variables on top of PATH and HOME; nothing else of the test process's environment is passed on. */
  env?: Record<string, string>;
  /** Defaults to a private home directory for the test file (see cliHome). */
  home?: string;
  /** Defaults to the checkout. */
  cwd?: string;
  /** The process is stopped (SIGTERM, then SIGKILL) after this long; a generous bound for a loaded machine, not a timing assertion. */
  killAfterMs?: number;
  /** Run as this user (tests of permissions, when the tests run as root); see unprivilegedUser(). */
  user?: { uid: number; gid: number };
}

/**
 * A user without rights to files the test makes: as root (where permissions are
 * not enforced), the nobody account; otherwise the test's own user, for whom a
 * chmod is enough.
 */
export function unprivilegedUser(): { uid: number; gid: number } | undefined {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
}

/**
 * Each test starts one or a few Node processes (tsx, the CLI, a PGlite worker):
 * seconds each on a quiet machine, much longer on a shared one. These bounds are
 * there to stop a hung process, not to judge speed.
 */
export const CLI_TIMEOUTS = { testTimeout: 240_000, hookTimeout: 300_000 } as const;

let sharedHome: string | undefined;

/**
 * A directory under the test run's directory (removed when the run ends). Every CLI
 * process gets one as HOME, so a command that falls back to the per-user data
 * directory or model cache writes there, never into the real home.
 */
export function scratchDir(prefix: string): string {
  const root = path.join(inject('infrastructure').runDir, 'cli');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, `${prefix}-${process.pid}-`));
}

export function cliHome(): string {
  sharedHome ??= scratchDir('home');
  return sharedHome;
}

/**
 * Runs the real command line in a child process (`node --import tsx src/cli/bin.ts ...`)
 * with a controlled environment: PATH, HOME and `options.env` only, so no stray
 * ZAVA_* or DATABASE_URL of the parent leaks in. stdout and stderr are pipes, not TTYs.
 */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.home ?? cliHome(), ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliNodeArgs(args), { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.user ?? {}) });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, options.killAfterMs ?? 170_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const run = { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
      if (killed) reject(new Error(`zava-mcp ${args.join(' ')} was stopped after ${options.killAfterMs ?? 170_000} ms; stderr: ${run.stderr}`));
      else resolve(run);
    });
  });
}

/** A command that runs until it is stopped (`db serve`), started as runCli starts one. */
export interface RunningCli {
  pid: number;
  /** Resolves with everything written to stdout once it contains `text`; rejects if the process ends first. */
  waitForStdout(text: string | RegExp): Promise<string>;
  /** Sends a signal and resolves when the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<CliRun>;
  ended: Promise<CliRun>;
}

export function startCli(args: readonly string[], options: CliRunOptions = {}): RunningCli {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.home ?? cliHome(), ...options.env };
  const child = spawn(process.execPath, cliNodeArgs(args), { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ended = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 600_000);
  void ended.then(() => clearTimeout(killer));
  return {
    pid: child.pid!,
    ended,
    waitForStdout: (text) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (typeof text === 'string' ? stdout.includes(text) : text.test(stdout)) {
            waiters.delete(check);
            resolve(stdout);
          }
        };
        waiters.add(check);
        void ended.then((run) => reject(new Error(`zava-mcp ${args.join(' ')} ended (code ${run.code}) before printing ${String(text)}; stderr: ${run.stderr}`)));
        check();
      }),
    stop: (signal = 'SIGINT') => {
      child.kill(signal);
      return ended;
    },
  };
}

/** The non-empty lines of an output stream. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** Something only a progress bar or a terminal control sequence would write. */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
export const TERMINAL_CONTROL = /[\r\u001b\u2588\u2591]/;

/** A Node.js stack frame line. */
export const STACK_FRAME = /^\s+at\s/m;
