import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { listApiTokens, type ApiTokenRecord } from '../access/apiTokens.js';
import { createAuthenticator, type Authenticator } from '../access/authenticator.js';
import { createCallAudit, UNAUDITED } from '../access/callAudit.js';
import type { Principal } from '../access/principal.js';
import type { Settings } from '../config/settings.js';
import { detectCapabilities, vectorsUnavailableReason, type DatabaseCapabilities } from '../db/capabilities.js';
import { openDatabase } from '../db/openDatabase.js';
import type { DatabasePort, EngineInfo, WireDoor, WireDoorOptions } from '../db/port.js';
import { createEmbeddingProvider } from '../embeddings/factory.js';
import type { ProviderOutcome } from '../embeddings/provider.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createMcpServer } from '../mcp/createServer.js';
import { embedProducts } from '../services/embedProducts.js';
import { prepareDatabase, type PreparedDatabase } from '../services/prepareDatabase.js';
import { describeRetailTables, type TableDescription } from '../services/schemaCatalog.js';
import type { GenerateOptions } from '../seed/index.js';
import type { StoreBinding } from '../tenant/storeBinding.js';
import { listAllStores, type StoreRecord } from '../tenant/storeDirectory.js';
import type { StoreSession } from '../tenant/storeSession.js';
import { StoreSessions, type TempFileLimit } from '../tenant/storeSessions.js';

export interface OpenZavaOptions {
  settings: Settings;
  /** An open database to serve instead of the one the settings name; it stays the caller's to close. */
  database?: DatabasePort;
  /** The dataset an empty embedded database is seeded with; without it an empty database is an error. */
  firstRun?: GenerateOptions;
  /** Embed products that are new or changed since the last run (a provider must be ready). */
  embedPending?: boolean;
  /** Record every tool call in zava_access.tool_calls (default); off only to measure what the audit costs. */
  auditCalls?: boolean;
  logger?: Logger;
}

/** Who a server answers: the identity its stores came from, and the session it serves. */
export interface Caller {
  principal: Principal;
  sessionId: string;
}

/**
 * One Zava database, ready to serve: migrated, its capabilities and tables read
 * once, the embedding provider started. Transports (stdio, HTTP, in-process) ask
 * it for store sessions and for MCP servers bound to them; none of them gets the
 * database itself.
 */
export interface ZavaApp {
  readonly info: EngineInfo;
  readonly prepared: PreparedDatabase;
  readonly capabilities: DatabaseCapabilities;
  readonly embeddings: ProviderOutcome;
  readonly tables: readonly TableDescription[];
  /** How temporary files of store transactions are capped here. */
  readonly tempFileLimit: TempFileLimit;
  /** Products embedded at start, when embedPending ran. */
  readonly embeddedAtStart: number | undefined;
  readonly logger: Logger;
  /** Resolves when the database answers (health checks). */
  ping(): Promise<void>;
  /** API tokens of this database, without their secrets (owner data, not tenant data). */
  listTokens(): Promise<ApiTokenRecord[]>;
  /** Every store, active or not (the directory, not tenant data). */
  listStores(): Promise<StoreRecord[]>;
  /**
   * A store session for a binding; unknown or inactive stores are errors listing the
   * stores there are. Sessions of one `caller` share that caller's part of the
   * queries that may run at once.
   */
  openSession(binding: StoreBinding, caller?: string): Promise<StoreSession>;
  /** A new MCP server whose tools act through `session` and audit each call as `caller`'s. */
  createServer(session: StoreSession, caller: Caller): McpServer;
  /** Checks bearer tokens (API tokens of this database; JWTs when configured). */
  readonly authenticator: Authenticator;
  /** The embedded database to psql and other PostgreSQL clients beside the MCP server (the owner's door); closed with the app. */
  openWireDoor(options: WireDoorOptions): Promise<WireDoor>;
  /** Notes the HTTP endpoint this app serves MCP at, for `status` and `sql` in other processes. */
  announceHttpUrl(url: string | undefined): void;
  close(): Promise<void>;
}

export async function openZava(options: OpenZavaOptions): Promise<ZavaApp> {
  const { settings } = options;
  const logger = options.logger ?? createLogger(settings.logLevel);
  const db = options.database ?? (await openDatabase(settings));
  const closeDatabase = options.database ? async () => undefined : () => db.close();
  let embeddings: ProviderOutcome | undefined;
  try {
    logger.info(`opening ${db.info.engine} at ${db.info.location}`);
    const prepared = await prepareDatabase(db, options.firstRun, settings);
    if (prepared.outcome === 'created') logger.info('first run: created and seeded the default dataset');
    if (prepared.migrations.applied.length > 0) logger.info(`applied migrations ${prepared.migrations.applied.join(', ')}`);
    const [tables, capabilities, provider, sessions] = await Promise.all([
      describeRetailTables(db),
      detectCapabilities(db),
      createEmbeddingProvider(settings),
      StoreSessions.open(db, { ...settings, maxConcurrentQueriesPerCaller: settings.maxConcurrentQueriesPerToken }),
    ]);
    embeddings = provider;
    const embeddedAtStart = options.embedPending ? await embedPendingProducts(db, provider, capabilities, logger) : undefined;
    const limits = { rowLimit: settings.rowLimit, byteLimit: settings.byteLimit };
    return {
      info: db.info,
      prepared,
      capabilities,
      embeddings: provider,
      tables,
      tempFileLimit: sessions.tempFileLimit,
      embeddedAtStart,
      logger,
      ping: async () => {
        await db.query('SELECT 1');
      },
      listTokens: () => listApiTokens(db),
      listStores: () => listAllStores(db),
      openSession: (binding, caller) => sessions.forBinding(binding, caller),
      createServer: (session, caller) => {
        const audit = options.auditCalls === false ? UNAUDITED : createCallAudit(db, { ...caller, storeIds: session.storeIds });
        return createMcpServer({ session, limits, tables, capabilities, embeddings: provider, logger, audit });
      },
      authenticator: createAuthenticator(db, settings),
      openWireDoor: (doorOptions) => db.openWireDoor(doorOptions),
      announceHttpUrl: (url) => db.announceHttpUrl(url),
      close: async () => {
        await closeDatabase();
        if (provider.status === 'ready') await provider.provider.close?.();
      },
    };
  } catch (error) {
    await closeDatabase().catch(() => undefined);
    if (embeddings?.status === 'ready') await embeddings.provider.close?.().catch(() => undefined);
    throw error;
  }
}

/** Products new or changed since the last run get their embeddings before serving. */
async function embedPendingProducts(db: DatabasePort, embeddings: ProviderOutcome, capabilities: DatabaseCapabilities, logger: Logger): Promise<number | undefined> {
  if (embeddings.status !== 'ready' || vectorsUnavailableReason(capabilities)) return undefined;
  try {
    return (await embedProducts(db, embeddings.provider, { capabilities })).embedded;
  } catch (error) {
    logger.warn(`could not embed products: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
}
