/** Messages between the PGlite driver (main thread) and its worker thread. */
export interface WorkerInit {
  /** A directory, or `memory://`. */
  dataDir: string;
  /** Largest WebAssembly memory PostgreSQL may grow to, in MiB. */
  memoryCapMb: number;
  /** For memory://: the data directory to start from, as a tarball (PGlite's dumpDataDir). */
  snapshot?: ArrayBuffer | undefined;
  /** PGlite compiled once in the main thread (compiledModules.ts); the worker compiles it itself without. */
  compiled?: { wasmModule: unknown; initdbModule: unknown; fsBundle: ArrayBuffer } | undefined;
}

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: readonly unknown[]; rowMode?: 'object' | 'array' }
  | { id: number; kind: 'exec'; sql: string }
  /** PostgreSQL wire-protocol messages from a client of the wire door, answered as raw bytes. */
  | { id: number; kind: 'protocol'; message: Uint8Array }
  /** COPY ... TO '/dev/blob': the rows come back as bytes. */
  | { id: number; kind: 'copyOut'; sql: string }
  /** COPY ... FROM '/dev/blob' with these bytes. */
  | { id: number; kind: 'copyIn'; sql: string; data: Uint8Array }
  | { id: number; kind: 'dump' }
  | { id: number; kind: 'close' };

export interface WorkerSqlError {
  message: string;
  sqlState?: string;
  position?: number;
  detail?: string;
  hint?: string;
}

export type WorkerReply =
  | {
      id: number;
      ok: true;
      rows: Record<string, unknown>[] | unknown[][];
      fields: { name: string; dataTypeID: number }[];
      rowCount: number;
      /** The WebAssembly memory after the request: it grows and never shrinks. */
      heapBytes: number;
      /** The data directory as a tarball, for a dump request. */
      snapshot?: ArrayBuffer;
      /** The backend's answer to a protocol request; the rows of a copyOut request. */
      bytes?: Uint8Array;
    }
  | { id: number; ok: false; error: WorkerSqlError; heapBytes: number };

export type WorkerReady = { ready: true; serverVersion: string; heapBytes: number } | { ready: false; error: string };
