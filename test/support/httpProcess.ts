import { spawn, type ChildProcess } from 'node:child_process';
import { cliNodeArgs, REPO_ROOT } from './cliFromSources.js';

/** `serve --http` as a process of its own, so that its memory is its own; resolves with its URL. */
export function startHttpProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliNodeArgs(['serve', '--http', '--port', '0']), { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const url = /^ {2}url +(http:\/\/\S+\/mcp)/m.exec(stderr)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`serve --http exited with ${code}: ${stderr}`)));
  });
}
