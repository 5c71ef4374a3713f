/**
 * npm run bench:start — how fast zava-mcp starts and installs, each figure side by
 * side with its floor in the same run: --version and --help against `node -e 0`; a
 * one-shot sql and a warm serve against a bare script that imports PGlite with
 * pgvector and opens the same directory; the first run against a bare in-memory
 * PGlite.create; test sandboxes against that same create; and the packed package
 * installed as npx installs it. Pairs alternate, medians are compared.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverageNow, machineInfo } from './support/machine.js';
import { writeResults } from './support/options.js';
import { median, round } from './support/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const QUERY = "SELECT store_id, count(*) AS customers FROM retail.customers WHERE store_id = 'seattle' GROUP BY 1";
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ZAVA_EMBEDDINGS: 'none', ZAVA_LOG_LEVEL: 'warn' };

function timed(command: string, args: string[], env: Record<string, string> = ENV): number {
  const started = performance.now();
  const run = spawnSync(command, args, { env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

/** Time from spawning `serve` to its banner's last line (it is ready then), then stop it. */
function serveUntilReady(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'serve', '--store', 'seattle'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('MCP Inspector:')) {
        const ms = performance.now() - started;
        child.stdin.end();
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('exit', (code) => {
      if (!stderr.includes('MCP Inspector:')) reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

/** Alternating pairs of (ours, floor); the medians and their ratio. */
async function pairs(ours: () => number | Promise<number>, floor: () => number | Promise<number>): Promise<{ oursMs: number; floorMs: number; ratio: number; samples: { ours: number[]; floor: number[] } }> {
  const samples = { ours: [] as number[], floor: [] as number[] };
  for (let i = 0; i < PAIRS; i++) {
    samples.ours.push(round(await ours()));
    samples.floor.push(round(await floor()));
  }
  const oursMs = round(median(samples.ours));
  const floorMs = round(median(samples.floor));
  return { oursMs, floorMs, ratio: round(oursMs / floorMs), samples };
}

function packedInstall(): { megabytes: number; seconds: number } {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-npx-'));
  try {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', directory], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(directory).find((file) => file.endsWith('.tgz'))!;
    const project = path.join(directory, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{"name":"npx-like","private":true}');
    const started = performance.now();
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', path.join(directory, tarball)], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
    const seconds = round((performance.now() - started) / 1000, 1);
    const bytes = Number(execFileSync('du', ['-sb', path.join(project, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
    return { megabytes: round(bytes / 1e6, 1), seconds };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log('building the compiled package (npm run build) ...');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const machine = machineInfo();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'zava-bench-start-'));
  const dataDir = path.join(scratch, 'pgdata');
  try {
    const node = process.execPath;
    const bare = path.join(ROOT, 'bench/start/bareOpen.mjs');
    console.log('--version and --help ...');
    const version = await pairs(() => timed(node, [BIN, '--version']), () => timed(node, ['-e', '0']));
    const help = await pairs(() => timed(node, [BIN, '--help']), () => timed(node, ['-e', '0']));
    console.log('first run: create, migrate and seed the default dataset ...');
    let firstRuns = 0;
    const firstRun = await pairs(
      async () => {
        const directory = path.join(scratch, `first-${firstRuns++}`);
        const ms = await serveUntilReady({ ...ENV, ZAVA_DATA_DIR: directory });
        rmSync(directory, { recursive: true, force: true });
        return ms;
      },
      () => timed(node, [bare, 'memory://']),
    );
    console.log('one-shot sql and a warm serve on an existing database ...');
    await serveUntilReady({ ...ENV, ZAVA_DATA_DIR: dataDir });
    const sql = await pairs(() => timed(node, [BIN, 'sql', '--data-dir', dataDir, '--admin', '-c', QUERY]), () => timed(node, [bare, dataDir, QUERY]));
    const serve = await pairs(() => serveUntilReady({ ...ENV, ZAVA_DATA_DIR: dataDir }), () => timed(node, [bare, dataDir, QUERY]));
    console.log('test sandboxes ...');
    const snapshots = path.join(scratch, 'snapshots');
    execFileSync(node, [path.join(ROOT, 'bench/start/sandboxTimes.mjs'), snapshots], { stdio: 'ignore' });
    const sandboxRuns: { first: number; later: number[]; reset: number[] }[] = [];
    const bareCreates: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(PAIRS / 2)); i++) {
      sandboxRuns.push(JSON.parse(execFileSync(node, [path.join(ROOT, 'bench/start/sandboxTimes.mjs'), snapshots], { encoding: 'utf8' })) as (typeof sandboxRuns)[number]);
      bareCreates.push(Number(execFileSync(node, [path.join(ROOT, 'bench/start/bareSandbox.mjs')], { encoding: 'utf8' })));
    }
    const bareCreate = round(median(bareCreates));
    const sandbox = {
      bareCreateMs: bareCreate,
      firstMs: round(median(sandboxRuns.map((run) => run.first))),
      laterMs: round(median(sandboxRuns.flatMap((run) => run.later))),
      resetMs: round(median(sandboxRuns.flatMap((run) => run.reset))),
    };
    console.log('the packed package, installed as npx installs it ...');
    const install = packedInstall();
    report({
      date: new Date().toISOString(),
      machine: { ...machine, loadAverageAtEnd: loadAverageNow() },
      pairs: PAIRS,
      version,
      help,
      sql,
      serve,
      firstRun,
      sandbox: { ...sandbox, firstRatio: round(sandbox.firstMs / bareCreate), laterRatio: round(sandbox.laterMs / bareCreate) },
      install,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

type Pair = Awaited<ReturnType<typeof pairs>>;

function report(run: {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  pairs: number;
  version: Pair;
  help: Pair;
  sql: Pair;
  serve: Pair;
  firstRun: Pair;
  sandbox: { bareCreateMs: number; firstMs: number; laterMs: number; resetMs: number; firstRatio: number; laterRatio: number };
  install: { megabytes: number; seconds: number };
}): void {
  const row = (what: string, pair: Pair, floor: string, target: string) => `| ${what} | ${pair.oursMs} | ${floor} | ${pair.floorMs} | ${pair.ratio} | ${target} |`;
  const text = [
    `# bench:start (${run.date.slice(0, 10)})`,
    '',
    `Machine: ${run.machine.cpu}, ${run.machine.cores} cores, Node ${run.machine.node}; load average at start ${JSON.stringify(run.machine.loadAverageAtStart)}, at end ${JSON.stringify(run.machine.loadAverageAtEnd)}. Shared and noisy: read the ratios. Compiled package (dist); medians of ${run.pairs} alternating pairs.`,
    '',
    '| ours | ms | floor | ms | ratio | target |',
    '| --- | ---: | --- | ---: | ---: | --- |',
    row('zava-mcp --version', run.version, 'node -e 0', 'at most about 3x (0.3 s)'),
    row('zava-mcp --help', run.help, 'node -e 0', 'at most about 3x (0.3 s)'),
    row('zava-mcp sql --admin (one query, existing database)', run.sql, 'bare PGlite open and query', 'at most 1.3x'),
    row('zava-mcp serve to ready (existing database)', run.serve, 'bare PGlite open and query', 'at most 1.3x'),
    row('first run: serve creates, migrates and seeds the default dataset', run.firstRun, 'bare in-memory PGlite.create', 'at most 1.5x'),
    `| first test sandbox of a process | ${run.sandbox.firstMs} | bare in-memory PGlite.create, in process | ${run.sandbox.bareCreateMs} | ${run.sandbox.firstRatio} | at most 1.0x |`,
    `| later test sandboxes | ${run.sandbox.laterMs} | bare in-memory PGlite.create, in process | ${run.sandbox.bareCreateMs} | ${run.sandbox.laterRatio} | at most 0.5x |`,
    `| sandbox reset() (default test dataset) | ${run.sandbox.resetMs} | | | | within 100 ms |`,
    '',
    `Packed package installed as npx installs it (npm install of the tarball in an empty project): ${run.install.megabytes} MB in ${run.install.seconds} s (targets: at most 100 MB and 20 s).`,
    '',
  ].join('\n');
  console.log(`\n${text}`);
  writeResults({ out: path.join(ROOT, 'bench/results'), label: undefined, write: true }, 'start', run.date.slice(0, 10), text, run);
}

await main();
