import type { Settings } from '../config/settings.js';
import type { DatabaseCapabilities } from '../db/capabilities.js';
import type { DatabasePort } from '../db/port.js';
import type { ProviderOutcome } from '../embeddings/provider.js';
import type { Logger } from '../logging/logger.js';
import type { TableDescription } from '../services/schemaCatalog.js';
import type { StoreBinding } from '../tenant/storeBinding.js';

/** What the tools need, built once at start-up by the serve command. */
export interface AppServices {
  db: DatabasePort;
  binding: StoreBinding;
  /** The bound stores, resolved to an explicit list. */
  storeIds: string[];
  settings: Settings;
  tables: TableDescription[];
  capabilities: DatabaseCapabilities;
  /** The configured embedding provider, or why there is none. */
  embeddings: ProviderOutcome;
  logger: Logger;
}
