import type { DatabasePort } from '../../src/db/port.js';
import type { StoreSession } from '../../src/tenant/storeSession.js';
import { StoreSessions } from '../../src/tenant/storeSessions.js';

/** Generous: a loaded two-core machine runs the tests; timeouts under test set their own. */
export const TEST_STATEMENT_TIMEOUT_MS = 10_000;

/** A store session for `storeIds` on a test database, with the limits the server would give it. */
export async function storeSessionFor(db: DatabasePort, storeIds: readonly string[], statementTimeoutMs = TEST_STATEMENT_TIMEOUT_MS): Promise<StoreSession> {
  const sessions = await StoreSessions.open(db, { statementTimeoutMs, tempFileLimitMb: 256 });
  return sessions.forStores([...storeIds].sort());
}
