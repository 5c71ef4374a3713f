import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What every PGlite worker of this process starts from, compiled and read once. */
export interface CompiledPglite {
  /** PostgreSQL compiled to a WebAssembly module; a worker instantiates it without compiling again. */
  wasmModule: unknown;
  /** The file-system bundle PGlite unpacks at start (share files, catalogs). */
  fsBundle: ArrayBuffer;
  /** initdb, for a database that does not exist yet. */
  initdbModule: unknown;
}

let compiled: Promise<CompiledPglite> | undefined;

/**
 * Compiles PGlite's WebAssembly once per process: a worker thread given the
 * compiled module (Node passes WebAssembly.Module to workers without copying code)
 * skips about half a second of compiling, every time the worker is recycled or a
 * test sandbox opens.
 */
export function compiledPglite(): Promise<CompiledPglite> {
  compiled ??= compile().catch((error: unknown) => {
    compiled = undefined;
    throw error;
  });
  return compiled;
}

async function compile(): Promise<CompiledPglite> {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly;
  const [pgliteBytes, initdbBytes, fsBundle] = await Promise.all([
    readFile(path.join(dist, 'pglite.wasm')),
    readFile(path.join(dist, 'initdb.wasm')),
    readFile(path.join(dist, 'pglite.data')),
  ]);
  const [wasmModule, initdbModule] = await Promise.all([wasm.compile(pgliteBytes), wasm.compile(initdbBytes)]);
  return { wasmModule, initdbModule, fsBundle: fsBundle.buffer.slice(fsBundle.byteOffset, fsBundle.byteOffset + fsBundle.byteLength) as ArrayBuffer };
}
