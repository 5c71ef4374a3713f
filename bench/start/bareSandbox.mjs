/* global process, performance */
// The floor a test sandbox is held to: a fresh in-memory PGlite with pgvector, in process.
// Prints the milliseconds PGlite.create took.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

const started = performance.now();
const db = await PGlite.create({ extensions: { vector } });
const ms = performance.now() - started;
await db.query('SELECT 1');
await db.close();
process.stdout.write(`${ms}\n`);
