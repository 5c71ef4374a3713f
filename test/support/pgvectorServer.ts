import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL server installation whose extension directory holds pgvector. */
export interface PgvectorInstallation {
  binDir: string;
  /** `PostgreSQL 15.18 (Debian ...)`, from pg_config. */
  serverVersion: string;
  vectorVersion: string;
}

export type PgvectorLookup = { found: PgvectorInstallation } | { missing: string };

/** Debian's PostgreSQL 15, where scripts/install-pgvector.sh builds pgvector. */
const DEBIAN_PG_ROOT = '/usr/lib/postgresql';

function pgConfigCandidates(): string[] {
  const candidates: string[] = [];
  if (process.env.PG_CONFIG) candidates.push(process.env.PG_CONFIG);
  try {
    candidates.push(execFileSync('sh', ['-c', 'command -v pg_config'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config on PATH.
  }
  if (existsSync(DEBIAN_PG_ROOT)) {
    const versions = execFileSync('ls', ['-1', DEBIAN_PG_ROOT], { encoding: 'utf8' }).split('\n').filter(Boolean);
    versions.sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(path.join(DEBIAN_PG_ROOT, version, 'bin', 'pg_config'));
  }
  return candidates.filter((candidate) => candidate !== '' && existsSync(candidate));
}

function pgConfig(config: string, flag: string): string {
  return execFileSync(config, [flag], { encoding: 'utf8' }).trim();
}

/**
 * The first PostgreSQL installation with pgvector: $PG_CONFIG, pg_config on PATH,
 * then Debian's per-version directories (newest first). `missing` says why there is none.
 */
export function findPgvectorInstallation(): PgvectorLookup {
  const seen: string[] = [];
  for (const config of pgConfigCandidates()) {
    try {
      const binDir = pgConfig(config, '--bindir');
      const control = path.join(pgConfig(config, '--sharedir'), 'extension', 'vector.control');
      seen.push(binDir);
      if (!existsSync(control) || !existsSync(path.join(binDir, 'postgres')) || !existsSync(path.join(binDir, 'initdb'))) continue;
      const vectorVersion = /^default_version\s*=\s*'([^']+)'/m.exec(readFileSync(control, 'utf8'))?.[1] ?? 'unknown';
      return { found: { binDir, serverVersion: pgConfig(config, '--version'), vectorVersion } };
    } catch {
      // A broken pg_config: try the next one.
    }
  }
  const looked = seen.length > 0 ? `no vector extension in ${seen.join(', ')}` : 'no PostgreSQL server installation (pg_config) found';
  return { missing: `no PostgreSQL with pgvector on this machine (${looked}); run scripts/install-pgvector.sh` };
}

export interface NativeServer {
  connection: { host: string; port: number; user: string; password: string };
  /** What runs, for reports: `PostgreSQL 15.18 with pgvector 0.8.6`. */
  description: string;
  stop: () => Promise<void>;
}

/** The postgres OS user's ids when we are root (initdb and the server refuse to run as root). */
function serverUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, and there is no postgres OS user to run initdb and the server as');
  }
}

function run(binary: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(binary)} failed (exit ${code}): ${stderr.trim().slice(-500)}`))));
  });
}

async function waitUntilAccepting(connection: NativeServer['connection'], server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the pgvector PostgreSQL exited during start-up: ${log().slice(-500)}`);
    const client = new pg.Client({ ...connection, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`the pgvector PostgreSQL did not accept connections within 60 s: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * A throwaway PostgreSQL from an installation with pgvector (initdb into `dir`,
 * which the postgres OS user must be able to create), configured like the
 * embedded one: pg_stat_statements preloaded, durability off, TCP on 127.0.0.1
 * only. Tests and benchmarks only.
 */
export async function startPgvectorPostgres(installation: PgvectorInstallation, dir: string, port: number): Promise<NativeServer> {
  const ids = serverUserIds();
  const connection = { host: '127.0.0.1', port, user: 'postgres', password: 'zava-test-owner' };
  const dataDir = path.join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const passwordFile = path.join(dir, 'password');
  writeFileSync(passwordFile, `${connection.password}\n`, { mode: 0o644 });
  await run(
    path.join(installation.binDir, 'initdb'),
    ['-D', dataDir, '-U', connection.user, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
    ids,
  );
  const server = spawn(
    path.join(installation.binDir, 'postgres'),
    [
      '-D', dataDir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'shared_preload_libraries=pg_stat_statements',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  let log = '';
  server.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
  try {
    await waitUntilAccepting(connection, server, () => log);
  } catch (error) {
    server.kill('SIGKILL');
    throw error;
  }
  const version = /^PostgreSQL (\S+)/.exec(installation.serverVersion)?.[1] ?? installation.serverVersion;
  return {
    connection,
    description: `PostgreSQL ${version} with pgvector ${installation.vectorVersion}`,
    stop: async () => {
      if (server.exitCode === null) {
        // SIGINT: fast shutdown (disconnect clients, no checkpoint wait for a throwaway cluster).
        server.kill('SIGINT');
        await exited;
      }
    },
  };
}
