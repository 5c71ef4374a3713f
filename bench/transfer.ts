/**
 * npm run bench:transfer — moving the data, on the default dataset (scale 1, with a
 * 384-dimension vector per product): export and its psql restore into a native
 * PostgreSQL 18, copy PGlite -> PostgreSQL -> a new PGlite directory, backup and
 * restore of the data directory; and the wire-protocol door's cost per query next
 * to the same query in process, as a ratio (the machines are shared and noisy).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPglite, openPostgres } from '../src/db/openDatabase.js';
import { dataDirBytes } from '../src/db/pglite/dataDirectory.js';
import { restoreDataDir } from '../src/db/pglite/restoreDataDir.js';
import type { DatabasePort } from '../src/db/port.js';
import { decodeBackup, encodeBackup } from '../src/services/backup/backupFile.js';
import { initialiseDatabase } from '../src/services/initialiseDatabase.js';
import { copyDatabase } from '../src/services/transfer/copyDatabase.js';
import { exportDatabase } from '../src/services/transfer/exportDatabase.js';
import { EMBED_EVERY_PRODUCT } from '../test/support/fakeEmbeddings.js';
import { postgresUrl, startEmbeddedPostgres } from '../test/support/testInfrastructure.js';
import { loadAverageNow, machineInfo, type MachineInfo } from './support/machine.js';
import { writeResults } from './support/options.js';
import { percentile, round } from './support/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATASET = { seed: 42, scale: 1, asOf: '2025-06-30' };
const QUERIES = Number(process.env.BENCH_ITERATIONS ?? 300);
const ROLE = { tempFileLimitMb: 256 };
const QUERY = "SELECT store_id, count(*) AS customers FROM retail.customers WHERE loyalty_tier = $1 GROUP BY 1 ORDER BY 1";

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: round(performance.now() - started, 0), value };
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-transfer-'));
  const server = await startEmbeddedPostgres();
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl(server.connection, 'postgres') });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  const opened: DatabasePort[] = [];
  try {
    const sourceDir = path.join(scratch, 'source');
    const source = await openPglite({ dataDir: sourceDir });
    opened.push(source);
    await initialiseDatabase(source, { ...DATASET, force: false });
    await source.query(EMBED_EVERY_PRODUCT);

    const exportFile = path.join(scratch, 'zava.sql');
    const exported = await timed(async () => {
      const chunks: (string | Uint8Array)[] = [];
      const report = await exportDatabase(source, { write: async (chunk) => void chunks.push(chunk) }, 'bench');
      writeFileSync(exportFile, Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk))));
      return report;
    });
    await admin('CREATE DATABASE restored');
    const restoredWithPsql = await timed(async () =>
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', postgresUrl(server.connection, 'restored'), '-f', exportFile], { stdio: ['ignore', 'ignore', 'pipe'] }),
    );

    await admin('CREATE DATABASE copied');
    const target = await openPostgres({ databaseUrl: postgresUrl(server.connection, 'copied'), poolSize: 2 });
    opened.push(target);
    const toPostgres = await timed(() => copyDatabase(source, target, { force: false, role: ROLE }));
    const back = await openPglite({ dataDir: path.join(scratch, 'back') });
    opened.push(back);
    const toPglite = await timed(() => copyDatabase(target, back, { force: false, role: ROLE }));

    const backupFile = path.join(scratch, 'zava.zbak');
    const backedUp = await timed(async () => writeFileSync(backupFile, encodeBackup(await source.snapshotDataDir(), { createdAt: '', zavaVersion: 'bench', serverVersion: '', source: '' })));
    const restored = await timed(() =>
      restoreDataDir(path.join(scratch, 'restored'), decodeBackup(backupFile).tarball, { force: false, verify: async () => 'ok' }),
    );

    // The same parameterised query through the door (node-postgres, extended protocol) and in process, alternating.
    const door = await source.openWireDoor({ host: '127.0.0.1', port: 0 });
    const client = new pg.Client({ connectionString: door.url });
    await client.connect();
    const throughDoor: number[] = [];
    const inProcess: number[] = [];
    for (let index = 0; index < QUERIES + 20; index++) {
      const tier = ['bronze', 'silver', 'gold', 'platinum'][index % 4];
      const viaDoor = await timed(() => client.query(QUERY, [tier]));
      const direct = await timed(() => source.query(QUERY, [tier]));
      if (index >= 20) {
        throughDoor.push(viaDoor.ms);
        inProcess.push(direct.ms);
      }
    }
    await client.end();
    await door.close();

    const results: TransferResults = {
      date: new Date().toISOString(),
      machine: { ...machine, loadAverageAtEnd: loadAverageNow() },
      dataset: DATASET,
      sourceDataDirBytes: dataDirBytes(sourceDir),
      export: { ms: exported.ms, bytes: statSync(exportFile).size, tables: exported.value.tables.length, rows: exported.value.tables.reduce((sum, table) => sum + table.rows, 0) },
      psqlRestoreIntoPostgres18Ms: restoredWithPsql.ms,
      copy: {
        pgliteToPostgresMs: toPostgres.ms,
        postgresToNewPgliteMs: toPglite.ms,
        tables: toPostgres.value.tables.length,
        skipped: toPostgres.value.skipped.map((skipped) => skipped.name),
      },
      backup: { ms: backedUp.ms, bytes: statSync(backupFile).size },
      restoreMs: restored.ms,
      wireDoor: {
        queries: QUERIES,
        doorMs: { p50: percentile(throughDoor, 50), p95: percentile(throughDoor, 95) },
        inProcessMs: { p50: percentile(inProcess, 50), p95: percentile(inProcess, 95) },
        ratioP50: round(percentile(throughDoor, 50) / percentile(inProcess, 50)),
      },
    };
    report(results);
  } finally {
    for (const db of opened) await db.close().catch(() => undefined);
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface TransferResults {
  date: string;
  machine: MachineInfo;
  dataset: typeof DATASET;
  sourceDataDirBytes: number;
  export: { ms: number; bytes: number; tables: number; rows: number };
  psqlRestoreIntoPostgres18Ms: number;
  copy: { pgliteToPostgresMs: number; postgresToNewPgliteMs: number; tables: number; skipped: string[] };
  backup: { ms: number; bytes: number };
  restoreMs: number;
  wireDoor: { queries: number; doorMs: { p50: number; p95: number }; inProcessMs: { p50: number; p95: number }; ratioP50: number };
}

function report(results: TransferResults): void {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const text = [
    `# bench:transfer (${results.date.slice(0, 10)})`,
    '',
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}; load average at start ${JSON.stringify(results.machine.loadAverageAtStart)}, at end ${JSON.stringify(results.machine.loadAverageAtEnd)}. Shared and noisy: read the ratios and sizes, not the absolute times.`,
    'Dataset: seed 42, scale 1 (2,000 customers, 500 products, 5,000 transactions), a 384-dimension vector per product; PGlite source data directory ' + mb(results.sourceDataDirBytes) + '.',
    '',
    '| step | time | size |',
    '| --- | --- | --- |',
    `| export (SQL file, ${results.export.rows} rows) | ${results.export.ms} ms | ${mb(results.export.bytes)} |`,
    `| psql -v ON_ERROR_STOP=1 restore into PostgreSQL 18 (no pgvector) | ${results.psqlRestoreIntoPostgres18Ms} ms | |`,
    `| copy PGlite -> PostgreSQL 18 (skipped: ${results.copy.skipped.join(', ') || 'none'}) | ${results.copy.pgliteToPostgresMs} ms | |`,
    `| copy PostgreSQL 18 -> new PGlite directory | ${results.copy.postgresToNewPgliteMs} ms | |`,
    `| backup (checkpoint, dumpDataDir, gzip, sha256) | ${results.backup.ms} ms | ${mb(results.backup.bytes)} |`,
    `| restore (check, load beside, verify, rename) | ${results.restoreMs} ms | |`,
    '',
    `## The wire-protocol door`,
    '',
    `${results.wireDoor.queries} parameterised queries through the door with node-postgres, alternating with the same query in process: p50 ${results.wireDoor.doorMs.p50} ms through the door (p95 ${results.wireDoor.doorMs.p95}), ${results.wireDoor.inProcessMs.p50} ms in process (p95 ${results.wireDoor.inProcessMs.p95}); ratio at p50 ${results.wireDoor.ratioP50}.`,
    '',
  ].join('\n');
  process.stdout.write(text);
  writeResults({ out: path.join(ROOT, 'bench/results'), label: undefined, write: true }, 'transfer', results.date.slice(0, 10), text, results);
}

await main();
