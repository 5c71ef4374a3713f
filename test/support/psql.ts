import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** psql (Debian's postgresql-client); `.ci/run` installs it when missing. */
export function requirePsql(): void {
  const found = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error('psql is not installed: apt-get install -y postgresql-client (.ci/run does this)');
}

export interface PsqlRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** psql's output options for tests: unaligned, tuples only, no .psqlrc, stop at the first error. */
const QUIET = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'];

/** Runs a script through `psql -f -` against `url`, as a learner would run a lab file. */
export function psqlScript(url: string, script: string): Promise<PsqlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [...QUIET, '-d', url, '-f', '-'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PGCONNECT_TIMEOUT: '30' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // psql stops reading at the first error (ON_ERROR_STOP); the rest of the script has nowhere to go.
    child.stdin.on('error', () => undefined);
    child.stdin.end(script);
  });
}

/** An interactive psql: statements sent one batch at a time, its session kept between them. */
export interface PsqlSession {
  /** Sends `sql` and resolves with the lines psql printed for it. */
  run(sql: string): Promise<string[]>;
  close(): Promise<void>;
}

export function psqlSession(url: string): PsqlSession {
  const child: ChildProcessWithoutNullStreams = spawn('psql', [...QUIET.filter((flag) => flag !== '-v' && flag !== 'ON_ERROR_STOP=1'), '-d', url], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let buffer = '';
  let stderr = '';
  let waiter: (() => void) | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    waiter?.();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    waiter?.();
  });
  let marks = 0;
  return {
    run: (sql) =>
      new Promise((resolve, reject) => {
        const mark = `__psql_done_${++marks}__`;
        const ended = () => reject(new Error(`psql ended: ${stderr}`));
        child.once('close', ended);
        waiter = () => {
          const at = buffer.indexOf(mark);
          if (at < 0) return;
          const output = buffer.slice(0, at).split('\n').filter((line) => line.trim() !== '');
          buffer = buffer.slice(at + mark.length);
          waiter = undefined;
          child.off('close', ended);
          if (stderr.trim() !== '') reject(new Error(`psql: ${stderr.trim()}`));
          else resolve(output);
        };
        child.stdin.write(`${sql}\n\\echo ${mark}\n`);
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('close', () => resolve());
        child.stdin.end('\\q\n');
      }),
  };
}
