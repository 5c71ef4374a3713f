import { spawn } from 'node:child_process';
import { cliNodeArgs, REPO_ROOT } from './cliFromSources.js';

export interface TerminalRun {
  code: number | null;
  /** Everything the terminal showed (stdout and stderr together, as a terminal does). */
  output: string;
}

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * Runs `zava-mcp <args>` on a pseudo-terminal (util-linux `script`), so that stdin,
 * stdout and stderr are TTYs as in a person's shell. When the output first contains
 * `waitFor`, Ctrl-C is typed (the terminal sends SIGINT to the process).
 */
export function runInTerminal(args: readonly string[], env: Record<string, string>, waitFor: string): Promise<TerminalRun> {
  // exec: the exit code and the signal are node's own, not those of the shell script starts.
  const command = `exec ${[process.execPath, ...cliNodeArgs(args)].map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let interrupted = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (!interrupted && output.includes(waitFor)) {
      interrupted = true;
      child.stdin.write('\u0003');
    }
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}
