import { spawn, type ChildProcess } from 'node:child_process';
import { cliNodeArgs, REPO_ROOT } from './cliFromSources.js';

const SERVE_HTTP = ['serve', '--http', '--port', '0'];

/**
 * `serve --http --port 0` started with Node's `entry` arguments (the command line's
 * entry point and anything before it); resolves with its URL once the banner names it.
 */
export function startServeHttpProcess(entry: readonly string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...SERVE_HTTP], { env, cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const url = /^ {2}url +(http:\/\/\S+\/mcp)/m.exec(stderr)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`serve --http exited with ${code}: ${stderr}`)));
  });
}

/** `serve --http` of the test run's command line as a process of its own, so that its memory is its own. */
export function startHttpProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return startServeHttpProcess(cliNodeArgs([]), env);
}
