import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/apiTokens.js';
import { createCallAudit } from '../../src/access/callAudit.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { lines, STACK_FRAME } from '../support/cli.js';
import { runCommand } from '../support/commandInProcess.js';
import { seededCliDatabase, type CliDatabase } from '../support/cliDatabases.js';
import type { EngineKind } from '../support/seededDatabase.js';
const TOKEN = /^zava_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

/** The tokens command's behaviour on one engine; each engine has a test file of its own, so the two run in parallel. */
export function describeTokensCommand(kind: EngineKind): void {
  describe(`zava-mcp tokens and audit on ${kind}`, () => {
    let database: CliDatabase;
    let token: string;
    beforeAll(async () => {
      database = await seededCliDatabase(kind);
    });
    afterAll(async () => database?.dispose());

    it('prints a new token alone on stdout and a VS Code entry with it on stderr', async () => {
      const run = await runCommand(['tokens', 'add', '--name', 'seattle-manager', '--store', 'seattle', '--expires', '30d'], { env: database.env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`${TOKEN.source.slice(0, -1)}\\n$`));
      token = run.stdout.trim();
      expect(token).toMatch(TOKEN);
      const entry = JSON.parse(run.stderr.slice(run.stderr.indexOf('{'))) as { servers: Record<string, { type: string; url: string; headers: Record<string, string> }> };
      expect(entry.servers['zava-retail-seattle-manager']).toEqual({ type: 'http', url: 'http://127.0.0.1:8000/mcp', headers: { Authorization: `Bearer ${token}` } });
      expect(run.stderr).toMatch(/binds seattle, expires \d{4}-/);
    });

    it('keeps only a hash of the token', async () => {
      const stored = await database.withOwner((db) => db.query<{ secret_hash: Buffer }>("SELECT secret_hash FROM zava_access.api_tokens WHERE name = 'seattle-manager'"));
      expect(Buffer.from(stored.rows[0]!.secret_hash)).toHaveLength(32);
      const everything = await database.withOwner((db) => db.query<{ row: string }>('SELECT t::text AS row FROM zava_access.api_tokens t'));
      for (const { row } of everything.rows) expect(row).not.toContain(token.split('_')[2]);
    });

    it('refuses a second token of the same name in one line, non-zero, printing no token', async () => {
      const again = await runCommand(['tokens', 'add', '--name', 'seattle-manager', '--store', 'seattle'], { env: database.env });
      expect(again.code).not.toBe(0);
      expect(again.stdout).toBe('');
      expect(lines(again.stderr)).toEqual(['zava-mcp tokens add: a token named "seattle-manager" exists; revoke it or choose another name']);
      expect(again.stderr).not.toMatch(STACK_FRAME);
    });

    it('lists names, stores, status and dates, never a token', async () => {
      await database.withOwner((db) => createApiToken(db, { name: 'head-office', binding: parseStoreBinding('*') }));
      const run = await runCommand(['tokens', 'list'], { env: database.env });
      expect(run.code).toBe(0);
      const [header, , ...rows] = lines(run.stdout);
      expect(header).toMatch(/^name\s+stores\s+status\s+created\s+expires\s+last used$/);
      expect(rows).toEqual([expect.stringMatching(/^seattle-manager\s+seattle\s+active\s+\d{4}-/), expect.stringMatching(/^head-office\s+\*\s+active\s+/)]);
      expect(run.stdout).not.toMatch(/zava_[0-9a-f]{12}_/);
    });

    it('revokes a token by name, and says so when there is none to revoke', async () => {
      const run = await runCommand(['tokens', 'revoke', 'seattle-manager'], { env: database.env });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('revoked seattle-manager; requests with it now get 401\n');
      expect(lines((await runCommand(['tokens', 'list'], { env: database.env })).stdout)[2]).toMatch(/^seattle-manager\s+seattle\s+revoked/);
      const again = await runCommand(['tokens', 'revoke', 'seattle-manager'], { env: database.env });
      expect(again.code).not.toBe(0);
      expect(lines(again.stderr)).toEqual(['zava-mcp tokens revoke: no active token named "seattle-manager"; active tokens: head-office']);
    });

    it('prints the audit newest first, filtered by token and day, as a table or JSON', async () => {
      await database.withOwner(async (db) => {
        const audit = createCallAudit(db, { principal: { kind: 'token', name: 'head-office', binding: parseStoreBinding('*') }, sessionId: 'session-1', storeIds: ['seattle'] });
        await audit.record({ tool: 'execute_sales_query', arguments: { postgresql_query: 'SELECT count(*)\nFROM customers' }, outcome: 'ok', rowsReturned: 1, truncated: false, durationMs: 12.34 });
        await audit.record({ tool: 'execute_sales_query', arguments: { postgresql_query: 'SELECT * FROM pg_authid' }, outcome: 'refused', errorCode: 'sql_rejected', durationMs: 1 });
      });
      const table = await runCommand(['audit', '--token', 'head-office'], { env: database.env });
      expect(table.code, table.stderr).toBe(0);
      const rows = lines(table.stdout).slice(2);
      expect(rows).toEqual([
        expect.stringMatching(/head-office \(token\)\s+session-\s+seattle\s+execute_sales_query\s+refused \(sql_rejected\)\s+1\s+SELECT \* FROM pg_authid$/),
        expect.stringMatching(/head-office \(token\)\s+session-\s+seattle\s+execute_sales_query\s+ok\s+1\s+12\s+SELECT count\(\*\) FROM customers$/),
      ]);
      const json = JSON.parse((await runCommand(['audit', '--token', 'head-office', '--limit', '1', '--format', 'json'], { env: database.env })).stdout) as { outcome: string }[];
      expect(json.map((entry) => entry.outcome)).toEqual(['refused']);
    });
  });
}
