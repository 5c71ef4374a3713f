import { readCallAudit, type AuditEntry } from '../../access/callAudit.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { renderTable } from '../textTable.js';
import { withOwnerDatabase } from '../withOwnerDatabase.js';

export interface AuditFlags extends DatabaseFlags {
  since?: string;
  token?: string;
  limit: number;
  format: 'table' | 'json';
}

const ARGUMENT_PREVIEW = 80;

export async function runAudit(flags: AuditFlags): Promise<number> {
  try {
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
    const entries = await withOwnerDatabase(settings, (db) => readCallAudit(db, { since: flags.since, principal: flags.token, limit: flags.limit }));
    process.stdout.write(flags.format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : renderEntries(entries));
    return EXIT_OK;
  } catch (error) {
    return reportFailure('audit', error);
  }
}

function renderEntries(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'no calls recorded\n';
  return renderTable(
    ['time', 'caller', 'session', 'stores', 'tool', 'outcome', 'rows', 'ms', 'arguments'],
    entries.map((entry) => [
      entry.called_at.toISOString().replace('T', ' ').slice(0, 19),
      `${entry.principal} (${entry.principal_kind})`,
      entry.session_id.slice(0, 8),
      entry.stores.join(','),
      entry.tool,
      entry.error_code ? `${entry.outcome} (${entry.error_code})` : entry.outcome,
      entry.rows_returned === null ? '' : `${entry.rows_returned}${entry.truncated ? '+' : ''}`,
      entry.duration_ms.toFixed(0),
      preview(entry.arguments),
    ]),
  );
}

/** One line of the arguments; the SQL text of a query, not its JSON quoting. */
function preview(args: unknown): string {
  const sql = (args as { postgresql_query?: unknown } | null)?.postgresql_query;
  const text = (typeof sql === 'string' ? sql : JSON.stringify(args)).replace(/\s+/g, ' ').trim();
  return text.length > ARGUMENT_PREVIEW ? `${text.slice(0, ARGUMENT_PREVIEW - 1)}…` : text;
}
