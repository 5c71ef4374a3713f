import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { QueryTimeoutError, ZavaError } from '../../errors.js';
import type { WorkerInit, WorkerReady, WorkerReply, WorkerRequest } from './workerProtocol.js';

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

let workerUrl = (() => {
  const here = fileURLToPath(import.meta.url);
  return new URL(`./worker${path.extname(here)}`, import.meta.url);
})();

/**
 * Runs PGlite workers from this compiled worker module instead of the one beside
 * this file. For hosts that load these sources through a TypeScript loader (the test
 * runner): a worker from sources must register tsx first and compile its whole
 * module graph again, about a second per worker, and tests start hundreds.
 */
export function runPgliteWorkersFrom(compiledWorker: URL): void {
  if (!compiledWorker.pathname.endsWith('.js')) throw new ZavaError('internal', 'a compiled PGlite worker module ends in .js');
  workerUrl = compiledWorker;
}

/**
 * tsx's ESM API, found from this module and not from the working directory (which
 * an MCP client chooses). require.resolve would pick the CommonJS build, so the
 * package's own export map names the ESM file.
 */
function tsxEsmApiUrl(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

/**
 * From TypeScript sources (tsx, vitest) the worker thread must register tsx itself
 * before importing the worker module. The compiled package starts worker.js directly
 * and must not look for tsx at all: it is a development dependency.
 */
function tsxBootstrapSource(): string {
  const tsxApi = tsxEsmApiUrl();
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
}

/**
 * PostgreSQL's stack-depth check does not see WebAssembly's own call stack: with
 * Node's default (about 1 MB) a regular expression nested 3,000 deep overflowed it,
 * and PGlite went on with a broken session (an empty result, then failed
 * transactions). With this much, PostgreSQL's own limits ("regular expression is
 * too complex", "stack depth limit exceeded") are reached first. Reserved, not
 * committed: only what is used costs memory.
 */
const WORKER_STACK_MB = 256;

/** A clean close writes a checkpoint; longer than that means the thread is stuck. */
const CLOSE_TIMEOUT_MS = 10_000;

function createWorker(init: WorkerInit): Worker {
  // On stdio, stdout belongs to the MCP protocol: whatever PostgreSQL or emscripten
  // prints inside the worker goes to stderr instead.
  const options = { workerData: init, stdout: true, resourceLimits: { stackSizeMb: WORKER_STACK_MB } };
  const fromSource = workerUrl.pathname.endsWith('.ts');
  const worker = fromSource ? new Worker(tsxBootstrapSource(), { ...options, eval: true }) : new Worker(workerUrl, options);
  worker.stdout.pipe(process.stderr);
  return worker;
}

/**
 * Owns the worker thread that hosts PGlite: sends requests; when a request outlives
 * its timeout, terminates the thread and opens the database again; and recycles
 * the thread on request, which is the only way to give back WebAssembly memory.
 */
export class PgliteWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;
  private closed = false;
  private closing = false;
  serverVersion = 'unknown';
  /** The WebAssembly memory of the running worker, as of its last reply. */
  heapBytes = 0;

  private constructor(private init: WorkerInit) {}

  static async start(init: WorkerInit): Promise<PgliteWorkerClient> {
    const client = new PgliteWorkerClient(init);
    await client.spawn();
    // The snapshot an in-memory database started from is in the worker now; a recycle takes a fresh one.
    client.init = { ...client.init, snapshot: undefined };
    return client;
  }

  async request(body: RequestBody, timeoutMs?: number): Promise<WorkerReply> {
    if (this.failure) throw this.failure;
    if (this.closed) throw new ZavaError('database_unavailable', 'the embedded database is closed');
    // A worker that crashed is reopened on the next request; its data directory survived it.
    if (!this.worker) await this.spawn();
    const worker = this.worker;
    if (!worker) throw new ZavaError('database_unavailable', 'the embedded database is not running');
    const id = this.nextId++;
    const reply = new Promise<WorkerReply>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.postMessage({ ...body, id } as WorkerRequest);
    if (timeoutMs === undefined) return this.noteHeap(await reply);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), timeoutMs);
    });
    const outcome = await Promise.race([reply, expired]);
    clearTimeout(timer);
    if (outcome !== 'expired') return this.noteHeap(outcome);
    await this.restart();
    throw new QueryTimeoutError(timeoutMs);
  }

  /**
   * Closes PostgreSQL cleanly and starts a fresh thread on the same data: the old
   * thread's memory goes with it. An in-memory database travels as a snapshot.
   * Only between transactions: the caller holds the session.
   */
  async recycle(): Promise<void> {
    if (this.closed || this.failure || !this.worker) return;
    if (this.init.dataDir.startsWith('memory://')) {
      const dumped = await this.request({ kind: 'dump' });
      if (!dumped.ok || !dumped.snapshot) throw new ZavaError('database_unavailable', 'could not snapshot the in-memory database to recycle its worker');
      this.init = { ...this.init, snapshot: dumped.snapshot };
    }
    await this.request({ kind: 'close' }, CLOSE_TIMEOUT_MS);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
    await this.spawn();
    this.init = { ...this.init, snapshot: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    const worker = this.worker;
    try {
      if (worker) await this.request({ kind: 'close' }, CLOSE_TIMEOUT_MS);
    } finally {
      this.closed = true;
      this.worker = undefined;
      await worker?.terminate();
    }
  }

  private noteHeap(reply: WorkerReply): WorkerReply {
    if (reply.heapBytes > 0) this.heapBytes = reply.heapBytes;
    return reply;
  }

  /** Stops a statement PGlite cannot cancel: the thread goes, the data directory stays. */
  private async restart(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
    this.failPending(new ZavaError('database_unavailable', 'the embedded database was restarted while this request waited'));
    // A close that timed out stops the thread for good: a new one would keep the process alive.
    if (this.closing) return;
    if (this.init.dataDir.startsWith('memory://')) {
      // An in-memory database lives only in the thread that was just stopped.
      this.failure = new ZavaError('database_unavailable', 'the in-memory database was lost when a runaway statement was stopped; start again');
      return;
    }
    try {
      await this.spawn();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw this.failure;
    }
  }

  private async spawn(): Promise<void> {
    const worker = createWorker(this.init);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EventEmitter listener shape
    const listeners: { event: string; listener: (...args: any[]) => void }[] = [];
    const ready = await new Promise<WorkerReady>((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EventEmitter listener shape
      const listen = (event: string, listener: (...args: any[]) => void) => {
        listeners.push({ event, listener });
        worker.once(event, listener);
      };
      listen('message', resolve);
      listen('error', reject);
      listen('exit', (code: number) => reject(new Error(`embedded database worker exited with code ${code}`)));
    }).catch((error: unknown) => ({ ready: false as const, error: error instanceof Error ? error.message : String(error) }));
    for (const { event, listener } of listeners) worker.off(event, listener);
    if (!ready.ready) {
      await worker.terminate();
      throw new ZavaError('database_unavailable', `could not open the embedded database: ${ready.error.split('\n')[0]}`);
    }
    this.serverVersion = ready.serverVersion;
    this.heapBytes = ready.heapBytes;
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      pending?.resolve(reply);
    });
    worker.on('error', (error) => this.onCrash(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.onCrash(new Error(`embedded database worker exited with code ${code}`));
    });
    this.worker = worker;
  }

  private onCrash(error: Error): void {
    this.worker = undefined;
    const stopped = new ZavaError('database_unavailable', `the embedded database stopped: ${error.message.split('\n')[0]}`);
    if (this.init.dataDir.startsWith('memory://')) this.failure = stopped;
    this.failPending(stopped);
  }

  private failPending(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
