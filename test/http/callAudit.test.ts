import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/apiTokens.js';
import { readCallAudit, type AuditEntry } from '../../src/access/callAudit.js';
import { parseStoreBinding } from '../../src/tenant/storeBinding.js';
import { withStoreContext } from '../../src/tenant/withStoreContext.js';
import { connectHttp, startTestHttpServer, type HttpConnection, type TestHttpServer } from '../support/mcpHttp.js';
import { EACH_ENGINE, useSeededDatabase } from '../support/seededDatabase.js';
import { expectToolError, structuredOf } from '../support/toolResults.js';

describe.each(EACH_ENGINE)('the audit of tool calls on %s', (kind) => {
  const database = useSeededDatabase(kind);
  let http: TestHttpServer;
  let analyst: HttpConnection;

  beforeAll(async () => {
    const { token } = await createApiToken(database.db, { name: 'audited-analyst', binding: parseStoreBinding('redmond,seattle') });
    http = await startTestHttpServer(database.db, { settings: { rowLimit: 5 } });
    analyst = await connectHttp(http.url, token);
  });
  afterAll(async () => {
    await analyst?.close();
    await http?.close();
  });

  async function calls(): Promise<AuditEntry[]> {
    return (await readCallAudit(database.db, { principal: 'audited-analyst', limit: 100 })).reverse();
  }

  it('records every call, answered, refused or failed: who, session, stores, tool, arguments, outcome, rows, truncation, duration', async () => {
    const sql = 'SELECT customer_id FROM customers ORDER BY customer_id';
    expect(structuredOf<{ row_count: number }>(await analyst.call('execute_sales_query', { postgresql_query: sql })).row_count).toBe(5);
    expectToolError(await analyst.call('execute_sales_query', { postgresql_query: 'SELECT * FROM pg_authid' }), 'pg_authid', 'sql_rejected');
    expectToolError(await analyst.call('execute_sales_query', { postgresql_query: 'SELECT no_such_column FROM customers' }), 'no_such_column', 'sql_error');
    expectToolError(await analyst.call('sales_report', { report: 'weekly_sales' }), 'report');
    structuredOf(await analyst.call('list_stores'));
    const recorded = await calls();
    expect(recorded.map((call) => [call.tool, call.outcome, call.error_code, call.rows_returned, call.truncated])).toEqual([
      ['execute_sales_query', 'ok', null, 5, true],
      ['execute_sales_query', 'refused', 'sql_rejected', null, null],
      ['execute_sales_query', 'error', 'sql_error', null, null],
      ['sales_report', 'refused', 'invalid_argument', null, null],
      ['list_stores', 'ok', null, 2, null],
    ]);
    for (const call of recorded) {
      expect(call).toMatchObject({ principal: 'audited-analyst', principal_kind: 'token', session_id: analyst.sessionId(), stores: ['redmond', 'seattle'] });
      expect(call.duration_ms).toBeGreaterThanOrEqual(0);
    }
    expect(recorded[0]!.arguments).toEqual({ postgresql_query: sql });
    expect(recorded[3]!.arguments).toEqual({ report: 'weekly_sales' });
  });

  it('keeps the audit out of reach of store sessions and of model SQL', async () => {
    await expect(withStoreContext(database.db, ['seattle'], (tx) => tx.query('SELECT count(*) FROM zava_access.tool_calls'))).rejects.toMatchObject({ sqlState: '42501' });
    await expect(withStoreContext(database.db, ['seattle'], (tx) => tx.query('DELETE FROM zava_access.tool_calls'))).rejects.toMatchObject({ sqlState: '42501' });
    await expect(withStoreContext(database.db, ['seattle'], (tx) => tx.query('SELECT token_id FROM zava_access.api_tokens'))).rejects.toMatchObject({ sqlState: '42501' });
    expectToolError(await analyst.call('execute_sales_query', { postgresql_query: 'SELECT * FROM zava_access.api_tokens' }), 'schema zava_access is not allowed', 'sql_rejected');
  });

  it('fails a call that cannot be audited instead of answering it unaudited', async () => {
    await database.db.query('ALTER TABLE zava_access.tool_calls ADD CONSTRAINT audit_closed CHECK (false) NOT VALID');
    try {
      expectToolError(await analyst.call('list_stores'), 'the call could not be audited, so it was not answered', 'internal');
    } finally {
      await database.db.query('ALTER TABLE zava_access.tool_calls DROP CONSTRAINT audit_closed');
    }
    structuredOf(await analyst.call('list_stores'));
  });
});
