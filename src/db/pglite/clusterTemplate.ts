import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../../packageRoot.js';

/**
 * A new PGlite cluster (what initdb makes, nothing of ours in it) as PGlite's gzip
 * tarball, made for the installed PGlite by `npm run build` and `npm install` in a
 * clone (scripts/buildPgliteTemplate.ts) and shipped in the package. Starting a new
 * database from it skips initdb, most of a first start; without it PGlite runs
 * initdb as usual and the database is the same.
 */
export function clusterTemplatePath(): string {
  return path.join(packageRoot(), 'templates', `pglite-${pgliteVersion()}-cluster.tar.gz`);
}

/** The template's bytes, or undefined where it was not built. */
export function readClusterTemplate(): ArrayBuffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(clusterTemplatePath());
  } catch {
    return undefined;
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function pgliteVersion(): string {
  // The entry point is in dist/; the manifest is beside dist/.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return (JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
}
