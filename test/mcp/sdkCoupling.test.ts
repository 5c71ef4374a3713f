import { readFileSync } from 'node:fs';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cliFromSources.js';

/*
 * One-line input errors patch the SDK's private validateToolInput
 * (src/mcp/oneLineInputErrors.ts). These fail before an SDK upgrade can change
 * what clients see; the behaviour itself is tested through a client in
 * seattleServer.test.ts ("names a problem in one line even when several arguments are wrong").
 */
describe('the coupling to the MCP SDK', () => {
  it('pins the SDK to one exact version', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['@modelcontextprotocol/sdk']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('still has the private validateToolInput hook the server patches', () => {
    const server = new McpServer({ name: 'probe', version: '0' });
    expect(typeof (server as unknown as { validateToolInput?: unknown }).validateToolInput).toBe('function');
  });
});
