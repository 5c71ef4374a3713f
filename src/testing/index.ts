/**
 * zava-retail-mcp/testing: a seeded Zava database in memory with an MCP client, for
 * tests of agents, prompts and tools without Docker or a server process.
 */
export { createTestSandbox, type SqlRole, type TestSandbox, type TestSandboxOptions } from './testSandbox.js';
export type { StoreSession, StoreTransaction } from '../tenant/storeSession.js';
