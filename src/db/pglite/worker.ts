/**
 * Hosts PGlite in a worker thread. PGlite runs PostgreSQL synchronously inside
 * WebAssembly and cannot honour statement_timeout or a cancel request; running it
 * here keeps the main thread (and the MCP server) responsive, and lets the engine
 * stop a runaway statement by terminating this thread.
 */
import { PGlite, type Results } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { parentPort, workerData } from 'node:worker_threads';
import { CANONICAL_PARSERS } from '../valueTypes.js';
import type { WorkerInit, WorkerReady, WorkerReply, WorkerRequest, WorkerSqlError } from './workerProtocol.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const { dataDir } = workerData as WorkerInit;

async function openDatabase(): Promise<PGlite> {
  const db = await PGlite.create(dataDir, {
    extensions: { vector, pgcrypto, pg_trgm, uuid_ossp },
    parsers: CANONICAL_PARSERS,
  });
  await db.exec("SET TimeZone = 'UTC'");
  return db;
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

function replyFrom(id: number, result: Results): WorkerReply {
  return {
    id,
    ok: true,
    rows: result.rows as Record<string, unknown>[] | unknown[][],
    fields: result.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID })),
    rowCount: result.affectedRows || result.rows.length,
  };
}

async function handle(db: PGlite, request: WorkerRequest): Promise<WorkerReply> {
  try {
    switch (request.kind) {
      case 'query':
        // query() uses the extended protocol: exactly one statement per call.
        return replyFrom(request.id, await db.query(request.sql, request.params as unknown[], { rowMode: request.rowMode ?? 'object' }));
      case 'exec': {
        const results = await db.exec(request.sql);
        const last = results.at(-1);
        return last ? replyFrom(request.id, last) : { id: request.id, ok: true, rows: [], fields: [], rowCount: 0 };
      }
      case 'close':
        await db.close();
        return { id: request.id, ok: true, rows: [], fields: [], rowCount: 0 };
    }
  } catch (error) {
    return { id: request.id, ok: false, error: toSqlError(error) };
  }
}

try {
  const db = await openDatabase();
  const version = await db.query<{ server_version: string }>('SHOW server_version');
  port.on('message', (request: WorkerRequest) => {
    void handle(db, request).then((reply) => port.postMessage(reply));
  });
  port.postMessage({ ready: true, serverVersion: version.rows[0]?.server_version ?? 'unknown' } satisfies WorkerReady);
} catch (error) {
  port.postMessage({ ready: false, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReady);
}
