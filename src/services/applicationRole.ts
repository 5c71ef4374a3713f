import type { TransactionSession } from '../db/port.js';

export interface ApplicationRoleSettings {
  /** mcp_user's password, so that store sessions on a real server can log in as it. */
  appPassword?: string | undefined;
  /** temp_file_limit for mcp_user's own logins, where this owner may set that superuser setting. */
  tempFileLimitMb: number;
}

/**
 * Configures the application role after migrations (init and migrate). ALTER ROLE
 * takes no parameters; the server quotes each literal with format(%L).
 */
export async function configureApplicationRole(tx: TransactionSession, settings: ApplicationRoleSettings): Promise<void> {
  if (settings.appPassword) await alterRole(tx, 'PASSWORD %L', settings.appPassword);
  const may = await tx.query<{ may: boolean }>("SELECT has_parameter_privilege(current_user, 'temp_file_limit', 'SET') AS may");
  if (may.rows[0]?.may) await alterRole(tx, 'SET temp_file_limit = %L', `${settings.tempFileLimitMb}MB`);
}

async function alterRole(tx: TransactionSession, clause: string, value: string): Promise<void> {
  const statement = await tx.query<{ sql: string }>(`SELECT format('ALTER ROLE mcp_user ${clause}', $1::text) AS sql`, [value]);
  await tx.runScript(statement.rows[0]!.sql);
}
