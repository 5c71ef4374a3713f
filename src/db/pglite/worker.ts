/**
 * Hosts PGlite in a worker thread. PGlite runs PostgreSQL synchronously inside
 * WebAssembly and cannot honour statement_timeout or a cancel request; running it
 * here keeps the main thread (and the MCP server) responsive, and lets the driver
 * stop a runaway statement, or give back memory, by ending this thread.
 */
import type { PGlite, Results } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import { CANONICAL_PARSERS } from '../valueTypes.js';
import { SESSION_DEFAULTS } from './sessionState.js';
import { removeLeftoverTempFiles } from './tempFiles.js';
import { capWasmMemory } from './wasmMemoryCap.js';
import type { WorkerInit, WorkerReady, WorkerReply, WorkerRequest, WorkerSqlError } from './workerProtocol.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const init = workerData as WorkerInit;
const inMemory = init.dataDir.startsWith('memory://');

/**
 * PGlite's postgresql.conf asks for 128 MB of shared buffers, which the one backend
 * zeroes at every start: about half a second and 120 MB of memory per open. Pages
 * beyond 32 MB are read from the operating system's cache; the sample data's working
 * set fits (scale 1 reports ran as fast), and every CLI command and recycled worker starts sooner.
 */
const SHARED_BUFFERS = 'shared_buffers=32MB';

async function openDatabase(): Promise<PGlite> {
  // Before PGlite is loaded: it creates its memory as it starts.
  capWasmMemory(init.memoryCapMb);
  const [{ PGlite }, { vector }, { pgcrypto }, { pg_trgm }, { uuid_ossp }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
    import('@electric-sql/pglite/contrib/pgcrypto'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/uuid_ossp'),
  ]);
  if (!inMemory) removeLeftoverTempFiles(init.dataDir);
  const db = await PGlite.create(init.dataDir, {
    extensions: { vector, pgcrypto, pg_trgm, uuid_ossp },
    parsers: CANONICAL_PARSERS,
    startParams: [...PGlite.defaultStartParams, '-c', SHARED_BUFFERS],
    ...(init.snapshot ? { loadDataDir: new Blob([init.snapshot]) } : {}),
    ...(init.compiled
      ? {
          pgliteWasmModule: init.compiled.wasmModule as never,
          initdbWasmModule: init.compiled.initdbModule as never,
          fsBundle: new Blob([init.compiled.fsBundle]),
        }
      : {}),
  });
  await db.exec(SESSION_DEFAULTS);
  return db;
}

function heapBytes(db: PGlite): number {
  return (db as unknown as { Module: { HEAPU8: Uint8Array } }).Module.HEAPU8.byteLength;
}

function toSqlError(error: unknown): WorkerSqlError {
  const e = error as { message?: string; code?: string; position?: string; detail?: string; hint?: string };
  return {
    message: e.message ?? String(error),
    sqlState: e.code,
    position: e.position === undefined ? undefined : Number(e.position),
    detail: e.detail,
    hint: e.hint,
  };
}

function replyFrom(id: number, result: Results | undefined, heap: number): WorkerReply {
  if (!result) return { id, ok: true, rows: [], fields: [], rowCount: 0, heapBytes: heap };
  return {
    id,
    ok: true,
    rows: result.rows as Record<string, unknown>[] | unknown[][],
    fields: result.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
    rowCount: result.affectedRows || result.rows.length,
    heapBytes: heap,
  };
}

/** Large buffers move to the main thread instead of being copied. */
function transferablesOf(reply: WorkerReply): ArrayBuffer[] {
  if (!reply.ok) return [];
  if (reply.snapshot) return [reply.snapshot];
  if (reply.bytes && reply.bytes.buffer instanceof ArrayBuffer) return [reply.bytes.buffer];
  return [];
}

async function handle(db: PGlite, request: WorkerRequest): Promise<WorkerReply> {
  try {
    switch (request.kind) {
      case 'query':
        // query() uses the extended protocol: exactly one statement per call.
        return replyFrom(request.id, await db.query(request.sql, request.params as unknown[], { rowMode: request.rowMode ?? 'object' }), heapBytes(db));
      case 'exec':
        return replyFrom(request.id, (await db.exec(request.sql)).at(-1), heapBytes(db));
      case 'protocol': {
        const bytes = await db.execProtocolRaw(request.message);
        return { id: request.id, ok: true, rows: [], fields: [], rowCount: 0, heapBytes: heapBytes(db), bytes };
      }
      case 'copyOut': {
        const result = await db.query(request.sql);
        const bytes = new Uint8Array(result.blob ? await result.blob.arrayBuffer() : new ArrayBuffer(0));
        return { id: request.id, ok: true, rows: [], fields: [], rowCount: result.affectedRows ?? 0, heapBytes: heapBytes(db), bytes };
      }
      case 'copyIn':
        return replyFrom(request.id, await db.query(request.sql, [], { blob: new Blob([request.data as Uint8Array<ArrayBuffer>]) }), heapBytes(db));
      case 'dump': {
        const snapshot = await (await db.dumpDataDir('none')).arrayBuffer();
        return { id: request.id, ok: true, rows: [], fields: [], rowCount: 0, heapBytes: heapBytes(db), snapshot };
      }
      case 'close': {
        const heap = heapBytes(db);
        await db.close();
        return replyFrom(request.id, undefined, heap);
      }
    }
  } catch (error) {
    return { id: request.id, ok: false, error: toSqlError(error), heapBytes: db.closed ? 0 : heapBytes(db) };
  }
}

try {
  const db = await openDatabase();
  const version = await db.query<{ server_version: string }>('SHOW server_version');
  port.on('message', (request: WorkerRequest) => {
    void handle(db, request).then((reply) => port.postMessage(reply, transferablesOf(reply)));
  });
  port.postMessage({ ready: true, serverVersion: version.rows[0]?.server_version ?? 'unknown', heapBytes: heapBytes(db) } satisfies WorkerReady);
} catch (error) {
  port.postMessage({ ready: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReady);
}
