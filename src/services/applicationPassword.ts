import type { TransactionSession } from '../db/port.js';

/**
 * Gives mcp_user a password so store sessions on a real server can log in as it.
 * ALTER ROLE takes no parameters; the server quotes the literal with format(%L).
 */
export async function setApplicationPassword(tx: TransactionSession, password: string): Promise<void> {
  const statement = await tx.query<{ sql: string }>("SELECT format('ALTER ROLE mcp_user PASSWORD %L', $1::text) AS sql", [password]);
  await tx.runScript(statement.rows[0]!.sql);
}
