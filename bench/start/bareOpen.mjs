/* global process */
// The floor zava-mcp's one-shot commands are held to: import PGlite with pgvector,
// open a data directory (or create an empty in-memory database), run one query, exit.
// Usage: node bareOpen.mjs <dataDir|memory://> [sql]
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

const [dataDir, sql = 'SELECT 1'] = process.argv.slice(2);
const db = await PGlite.create(dataDir, { extensions: { vector } });
const result = await db.query(sql);
process.stdout.write(`${JSON.stringify(result.rows)}\n`);
await db.close();
