import { format } from 'node:util';
import { runCli as runProgram } from '../../src/cli/program.js';
import { cliHome, type CliRun, type CliRunOptions } from './cli.js';

type Write = typeof process.stdout.write;

/** None of them is a terminal for the command, as with runCli's pipes. */
const STREAMS = [process.stdin, process.stdout, process.stderr];

/**
 * The command line's own entry (`runCli` of src/cli/program.ts, which bin.ts calls)
 * in the test process: the same parsing, settings, actions and output as the
 * binary, without starting Node, the modules and PGlite's WebAssembly again for
 * every run (about 2 s of CPU on PGlite). For what commands print, refuse and
 * change; what only a process shows (signals, standard input, the exit status of
 * the process, the compiled worker) is tested through runCli.
 *
 * As runCli, the command sees PATH, HOME and `options.env` only, and no standard
 * stream is a terminal. Tests of a file run one after another, so the process
 * globals swapped here for the length of a run are never shared.
 */
export async function runCommand(args: readonly string[], options: Pick<CliRunOptions, 'env' | 'home'> = {}): Promise<CliRun> {
  const saved = {
    env: process.env,
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    ttys: STREAMS.map((stream) => Object.getOwnPropertyDescriptor(stream, 'isTTY')),
    error: console.error,
    log: console.log,
    warn: console.warn,
  };
  let stdout = '';
  let stderr = '';
  const collect = (append: (text: string) => void): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as Write;
  process.env = { PATH: saved.env.PATH ?? '/usr/bin:/bin', HOME: options.home ?? cliHome(), ...options.env };
  process.stdout.write = collect((text) => (stdout += text));
  process.stderr.write = collect((text) => (stderr += text));
  for (const stream of STREAMS) Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
  // vitest routes console to its reporter; the command's console lines belong to its streams.
  console.log = (...parts: unknown[]) => void (stdout += `${format(...parts)}\n`);
  console.error = console.warn = (...parts: unknown[]) => void (stderr += `${format(...parts)}\n`);
  try {
    const code = await runProgram(args);
    return { code, stdout, stderr };
  } finally {
    process.env = saved.env;
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    STREAMS.forEach((stream, index) => {
      const tty = saved.ttys[index];
      if (tty) Object.defineProperty(stream, 'isTTY', tty);
      else delete (stream as { isTTY?: boolean }).isTTY;
    });
    console.log = saved.log;
    console.error = saved.error;
    console.warn = saved.warn;
  }
}
