/**
 * zava-retail-mcp: the Zava Retail MCP server, to embed. Open a Zava database on
 * PGlite or PostgreSQL, get a store session for a binding, and an MCP server whose
 * tools act through it (what `zava-mcp serve` does); or serve many bindings over
 * Streamable HTTP. For tests, see zava-retail-mcp/testing.
 */
export { openZava, type Caller, type OpenZavaOptions, type ZavaApp } from './app/openZava.js';
export { openZavaServer, type ZavaServer, type ZavaServerOptions } from './app/openZavaServer.js';
export { loadSettings, type Settings } from './config/settings.js';
export { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './http/httpServer.js';
export { parseStoreBinding, type StoreBinding } from './tenant/storeBinding.js';
export type { StoreSession, StoreTransaction } from './tenant/storeSession.js';
export type { Principal, PrincipalKind } from './access/principal.js';
export { ZavaError, type ErrorCode } from './errors.js';
