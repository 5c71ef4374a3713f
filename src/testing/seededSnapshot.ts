import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSnapshotDir } from '../config/paths.js';
import { Database } from '../db/database.js';
import { loadMigrations } from '../db/migrations/migrationFiles.js';
import { PgliteDriver } from '../db/pglite/driver.js';
import { packageVersion } from '../packageRoot.js';
import { initialiseDatabase } from '../services/initialiseDatabase.js';
import { preparePristineCopy } from './resetScript.js';

export interface SeededDataset {
  seed: number;
  scale: number;
  asOf: string;
}

/**
 * The seeded database of a dataset as a PGlite data-directory tarball, built once
 * per dataset, schema and generator and kept in the cache directory. A sandbox
 * starts from it in about the time an empty PGlite takes to initialise.
 */
export async function seededSnapshot(dataset: SeededDataset, cacheDir = defaultSnapshotDir()): Promise<ArrayBuffer> {
  const file = path.join(cacheDir, `${fingerprint(dataset)}.tar`);
  try {
    return arrayBufferOf(readFileSync(file));
  } catch {
    // Not built yet (or unreadable): build it.
  }
  const snapshot = await buildSnapshot(dataset);
  mkdirSync(cacheDir, { recursive: true });
  // Beside, then rename: a sandbox in another process never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(snapshot));
  renameSync(partial, file);
  return snapshot;
}

async function buildSnapshot(dataset: SeededDataset): Promise<ArrayBuffer> {
  const db = new Database(await PgliteDriver.open({ dataDir: 'memory://' }));
  try {
    await initialiseDatabase(db, { ...dataset, force: false });
    await db.transaction({ role: 'owner' }, preparePristineCopy);
    // snapshotDataDir checkpoints first: everything in the data files, nothing left to replay from the write-ahead log.
    const tarball = await db.snapshotDataDir();
    return tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer;
  } finally {
    await db.close();
  }
}

/** What the seeded rows depend on: the dataset, the schema, the generator's code and PGlite. */
function fingerprint(dataset: SeededDataset): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ dataset, version: packageVersion(), migrations: loadMigrations().map((migration) => migration.checksum) }));
  hashDirectory(hash, path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'seed'));
  return `seeded-${dataset.seed}-${dataset.scale}-${dataset.asOf}-${hash.digest('hex').slice(0, 16)}`;
}

function hashDirectory(hash: ReturnType<typeof createHash>, directory: string): void {
  for (const entry of readdirSync(directory).sort()) {
    const file = path.join(directory, entry);
    if (statSync(file).isDirectory()) hashDirectory(hash, file);
    else if (!entry.endsWith('.map') && !entry.endsWith('.d.ts')) hash.update(readFileSync(file));
  }
}

function arrayBufferOf(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
