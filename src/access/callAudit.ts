import { z } from 'zod';
import type { DatabasePort } from '../db/port.js';
import { ZavaError } from '../errors.js';
import type { Principal } from './principal.js';

export type CallOutcome = 'ok' | 'refused' | 'error';

/** One tool call as the audit records it. */
export interface CallRecord {
  tool: string;
  arguments: unknown;
  outcome: CallOutcome;
  errorCode?: string | undefined;
  rowsReturned?: number | undefined;
  truncated?: boolean | undefined;
  durationMs: number;
}

/** What a server's tools get of the audit: a way to record their own calls, nothing to read or change. */
export interface CallAudit {
  record(call: CallRecord): Promise<void>;
}

/** The caller of every call a server records. */
export interface CallOrigin {
  principal: Principal;
  sessionId: string;
  storeIds: readonly string[];
}

/** SQL text is at most 20,000 characters; anything else large (a refused body) is cut. */
const MAX_ARGUMENTS_CHARACTERS = 32_768;

const INSERT_SQL = `
INSERT INTO zava_access.tool_calls
  (principal, principal_kind, session_id, stores, tool, arguments, outcome, error_code, rows_returned, truncated, duration_ms)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)`;

/**
 * Writes one row per call as the owner, in its own transaction, outside the store's
 * read-only one. A row that cannot be written fails the call (see registerTool).
 */
export function createCallAudit(db: DatabasePort, origin: CallOrigin): CallAudit {
  return {
    async record(call) {
      try {
        await db.query(INSERT_SQL, [
          origin.principal.name,
          origin.principal.kind,
          origin.sessionId,
          origin.storeIds,
          call.tool,
          argumentsJson(call.arguments),
          call.outcome,
          call.errorCode ?? null,
          call.rowsReturned ?? null,
          call.truncated ?? null,
          Math.round(call.durationMs * 10) / 10,
        ]);
      } catch (error) {
        throw new ZavaError('internal', 'the call could not be audited, so it was not answered', {}, { cause: error });
      }
    },
  };
}

/** For servers that are not to be audited (benchmarks of the audit's own cost). */
export const UNAUDITED: CallAudit = { record: async () => undefined };

function argumentsJson(value: unknown): string {
  const text = JSON.stringify(value ?? {});
  return text.length <= MAX_ARGUMENTS_CHARACTERS ? text : JSON.stringify({ cut: true, characters: text.length, start: text.slice(0, MAX_ARGUMENTS_CHARACTERS) });
}

export const auditEntrySchema = z.object({
  called_at: z.date(),
  principal: z.string(),
  principal_kind: z.string(),
  session_id: z.string(),
  stores: z.array(z.string()),
  tool: z.string(),
  arguments: z.unknown(),
  outcome: z.enum(['ok', 'refused', 'error']),
  error_code: z.string().nullable(),
  rows_returned: z.number().nullable(),
  truncated: z.boolean().nullable(),
  duration_ms: z.number(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditFilter {
  since?: string | undefined;
  principal?: string | undefined;
  limit: number;
}

/** The newest calls first, as `zava-mcp audit` prints them. */
export async function readCallAudit(db: DatabasePort, filter: AuditFilter): Promise<AuditEntry[]> {
  const result = await db.query<AuditEntry>(
    `SELECT called_at, principal, principal_kind, session_id, stores, tool, arguments, outcome, error_code, rows_returned, truncated, duration_ms
       FROM zava_access.tool_calls
      WHERE ($1::date IS NULL OR called_at >= $1::date) AND ($2::text IS NULL OR principal = $2)
      ORDER BY call_id DESC LIMIT $3`,
    [filter.since ?? null, filter.principal ?? null, filter.limit],
  );
  return result.rows;
}
