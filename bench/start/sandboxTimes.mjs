/* global process, performance */
// Sandboxes of the compiled package in one process: the first (compiling PGlite),
// the next ones, and reset(). Prints JSON milliseconds.
// Usage: node sandboxTimes.mjs <snapshotDir>
import { createTestSandbox } from '../../dist/src/testing/index.js';

const snapshotDir = process.argv[2];
const times = { first: 0, later: [], reset: [] };
let started = performance.now();
let sandbox = await createTestSandbox({ snapshotDir });
times.first = performance.now() - started;
for (let i = 0; i < 20; i++) {
  await sandbox.sql("DELETE FROM retail.sales_transaction_items WHERE store_id = 'seattle'", { admin: true });
  started = performance.now();
  await sandbox.reset();
  times.reset.push(performance.now() - started);
}
await sandbox.close();
for (let i = 0; i < 3; i++) {
  started = performance.now();
  sandbox = await createTestSandbox({ snapshotDir });
  times.later.push(performance.now() - started);
  await sandbox.close();
}
process.stdout.write(`${JSON.stringify(times)}\n`);
