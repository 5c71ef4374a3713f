import type { CallAudit } from '../access/callAudit.js';
import type { DatabaseCapabilities } from '../db/capabilities.js';
import type { ProviderOutcome } from '../embeddings/provider.js';
import type { Logger } from '../logging/logger.js';
import type { ResultLimits } from '../services/modelSql.js';
import type { TableDescription } from '../services/schemaCatalog.js';
import type { StoreSession } from '../tenant/storeSession.js';

/**
 * What the tools, resources and prompts of one MCP server get: a store session
 * (never the database), and facts read once at start.
 */
export interface ToolContext {
  session: StoreSession;
  /** Caps of a model query's result. */
  limits: ResultLimits;
  tables: readonly TableDescription[];
  capabilities: DatabaseCapabilities;
  /** The configured embedding provider, or why there is none. */
  embeddings: ProviderOutcome;
  logger: Logger;
  /** Records every call of this server (who, which stores, what, what came of it). */
  audit: CallAudit;
}
