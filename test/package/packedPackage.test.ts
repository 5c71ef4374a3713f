import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { REPO_ROOT } from '../support/cliFromSources.js';

/** Packing builds the package (tsc), installing resolves its dependencies: minutes on a loaded machine. */
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

/**
 * What someone who installs the package gets: a temporary project installs the
 * packed tarball (as npx would) and runs a vitest test of its own against
 * `zava-retail-mcp/testing`, type-checked against the published declarations,
 * never against src/. CI packs and installs once (.ci/run), as npx would, and hands
 * the project over in ZAVA_PACKED_PROJECT (or the tarball in ZAVA_PACKED_TARBALL);
 * otherwise the test packs and installs.
 */
const CONSUMER_TEST = `import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestSandbox, type TestSandbox } from 'zava-retail-mcp/testing';
import type { StoreSession } from 'zava-retail-mcp/testing';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ stores: 'seattle' });
}, 300_000);
afterAll(async () => sandbox?.close());

test('the assistant sees seattle only, through every tool of the package', async () => {
  const { tools } = await sandbox.client.listTools();
  expect(tools.length).toBeGreaterThanOrEqual(7);
  const answer = await sandbox.client.callTool({ name: 'execute_sales_query', arguments: { postgresql_query: 'SELECT DISTINCT store_id FROM customers' } });
  expect(answer.structuredContent).toMatchObject({ rows: [{ store_id: 'seattle' }] });
  for (const tool of tools) {
    const args: Record<string, unknown> = {
      get_multiple_table_schemas: { table_names: ['customers'] },
      execute_sales_query: { postgresql_query: 'SELECT count(*) FROM products' },
      sales_report: { report: 'top_products' },
      sales_chart: { report: 'monthly_sales' },
      semantic_search_products: { query_description: 'tent' },
    }[tool.name] ?? {};
    if (tool.name === 'find_similar_products') {
      const [product] = await sandbox.sql<{ product_id: string }>('SELECT product_id FROM products LIMIT 1', { store: 'seattle' });
      args.product_id = product!.product_id;
    }
    const result = await sandbox.client.callTool({ name: tool.name, arguments: args });
    expect(result.isError, tool.name + ': ' + JSON.stringify(result.content)).toBeFalsy();
  }
});

test('resets to the seeded rows', async () => {
  await sandbox.sql("DELETE FROM retail.sales_transaction_items WHERE store_id = 'seattle'", { admin: true });
  await sandbox.reset();
  const session: StoreSession = await sandbox.session('seattle');
  const rows = await session.read(async (tx) => (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM sales_transaction_items')).rows);
  expect(rows[0]!.n).toBeGreaterThan(0);
});
`;

/** The complete vitest test the README shows, exactly as written there. */
function readmeExample(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const example = /```ts\n(\/\/ test\/agent\.test\.ts \(vitest\)\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!example) throw new Error('the README has no test/agent.test.ts example');
  return example;
}

function packedTarball(): string {
  const given = process.env.ZAVA_PACKED_TARBALL;
  if (given && existsSync(given)) return given;
  const destination = mkdtempSync(path.join(inject('infrastructure').runDir, 'pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(destination).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  return path.join(destination, tarball);
}

/** A project with the packed package installed: CI's, or one installed here. */
function installedProject(): string {
  const given = process.env.ZAVA_PACKED_PROJECT;
  if (given && existsSync(path.join(given, 'node_modules', 'zava-retail-mcp', 'package.json'))) return given;
  const tarball = packedTarball();
  const project = mkdtempSync(path.join(inject('infrastructure').runDir, 'consumer-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', '--prefer-offline', tarball], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  return project;
}

describe('the packed package, installed into a project of its own', () => {
  let project: string;

  beforeAll(() => {
    project = installedProject();
    // The consumer's tests are ES modules, as the README's example is.
    const manifestFile = path.join(project, 'package.json');
    writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(readFileSync(manifestFile, 'utf8')), type: 'module' }, null, 2));
    // The consumer's own test tools: vitest and TypeScript as this repository has them.
    for (const tool of ['vitest', 'typescript', '@types/node']) {
      const target = path.join(project, 'node_modules', tool);
      mkdirSync(path.dirname(target), { recursive: true });
      if (!existsSync(target)) symlinkSync(path.join(REPO_ROOT, 'node_modules', tool), target, 'dir');
    }
    mkdirSync(path.join(project, 'test'), { recursive: true });
    writeFileSync(path.join(project, 'test', 'store.test.ts'), CONSUMER_TEST);
    writeFileSync(path.join(project, 'test', 'agent.test.ts'), readmeExample());
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['test'] }),
    );
  });

  it('type-checks a consumer test against the published declarations', () => {
    const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it("runs the consumer's tests, the README's example among them, against the package, not the sources", () => {
    const run = spawnSync(process.execPath, [path.join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', project], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: project, NO_COLOR: '1' },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests +4 passed \(4\)/);
    expect(run.stdout + run.stderr).not.toContain(`${REPO_ROOT}/src`);
  });

  it('says which package to install for local, OpenAI or Azure embeddings, which the package leaves to optional peers', () => {
    const zava = (...args: string[]) =>
      spawnSync(path.join(project, 'node_modules', '.bin', 'zava-mcp'), args, {
        cwd: project,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: project, OPENAI_API_KEY: 'sk-never-sent' },
      });
    const dataDir = path.join(mkdtempSync(path.join(project, 'peers-')), 'data');
    const init = zava('init', '--data-dir', dataDir, '--scale', '0.05', '--as-of', '2025-06-30', '--embeddings', 'openai');
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('semantic search: not yet (the openai and azure embeddings need the OpenAI SDK, which is not installed: npm install openai');
    const embed = zava('embed', '--data-dir', dataDir, '--embeddings', 'local');
    expect(embed.status).not.toBe(0);
    expect(embed.stderr).toContain('the local model needs transformers.js, which is not installed: npm install @huggingface/transformers');
  });
});
