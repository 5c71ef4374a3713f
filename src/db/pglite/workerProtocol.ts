/** Messages between the PGlite engine (main thread) and its worker thread. */
export interface WorkerInit {
  dataDir: string;
}

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: readonly unknown[]; rowMode?: 'object' | 'array' }
  | { id: number; kind: 'exec'; sql: string }
  | { id: number; kind: 'close' };

export interface WorkerSqlError {
  message: string;
  sqlState?: string;
  position?: number;
  detail?: string;
  hint?: string;
}

export type WorkerReply =
  | { id: number; ok: true; rows: Record<string, unknown>[] | unknown[][]; fields: { name: string; dataTypeID: number }[]; rowCount: number }
  | { id: number; ok: false; error: WorkerSqlError };

export type WorkerReady = { ready: true; serverVersion: string } | { ready: false; error: string };
