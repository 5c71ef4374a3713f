/**
 * Writes templates/pglite-<version>-cluster.tar.gz: a new PGlite cluster, so that a
 * first start loads it instead of running initdb (src/db/pglite/clusterTemplate.ts).
 * Run by `npm run build` and by `npm install` in a clone; does nothing when the
 * template of the installed PGlite is there already.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { clusterTemplatePath } from '../src/db/pglite/clusterTemplate.js';

const target = clusterTemplatePath();
if (!existsSync(target)) {
  const directory = path.dirname(target);
  mkdirSync(directory, { recursive: true });
  // Templates of other PGlite versions are of no use to this one.
  for (const stale of readdirSync(directory).filter((name) => name.endsWith('-cluster.tar.gz'))) rmSync(path.join(directory, stale));
  const db = await PGlite.create('memory://');
  const tarball = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
  await db.close();
  writeFileSync(`${target}.partial`, tarball);
  renameSync(`${target}.partial`, target);
  console.error(`wrote ${path.relative(process.cwd(), target)} (${(tarball.length / 1024 / 1024).toFixed(1)} MB)`);
}
