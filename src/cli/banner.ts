import type { EngineInfo } from '../db/port.js';
import type { StoreRowCounts } from '../services/storeRowCounts.js';
import { claudeDesktopSnippet, inspectorCommand, type LaunchSpec, vscodeSnippet } from './connectionSnippets.js';

export interface BannerFacts {
  version: string;
  engine: EngineInfo;
  bindingDescription: string;
  bindingSource: string;
  counts: StoreRowCounts;
  readyMs: number;
  firstRun: boolean;
  searchStatus: string;
  limits: { timeoutMs: number; rowLimit: number; byteLimit: number };
  launch: LaunchSpec;
  notes: string[];
}

const number = new Intl.NumberFormat('en-US');

export function describeEngine(info: EngineInfo): string {
  return info.engine === 'pglite' ? `PGlite ${info.serverVersion} (embedded PostgreSQL, in-process)` : `PostgreSQL ${info.serverVersion}`;
}

/** One screen on stderr: what runs where, for which stores, and how to connect a client. */
export function renderBanner(facts: BannerFacts): string {
  const engine = describeEngine(facts.engine);
  const login =
    facts.engine.storeLogin === 'login-as-mcp_user'
      ? 'store sessions log in as mcp_user (row-level security enforced by the server)'
      : facts.engine.engine === 'pglite'
        ? 'store sessions SET ROLE mcp_user; PGlite has no logins, so the SQL guard is the barrier'
        : 'store sessions SET ROLE mcp_user under the owner login (set ZAVA_APP_PASSWORD to log in as mcp_user)';
  const lines = [
    `Zava Retail MCP ${facts.version}: ready in ${(facts.readyMs / 1000).toFixed(1)} s${facts.firstRun ? ' (first run: database created and seeded)' : ''}`,
    `  engine   ${engine}`,
    `  data     ${facts.engine.location}`,
    `  stores   ${facts.bindingDescription} (${facts.bindingSource}); tools see only these`,
    `  rows     ${number.format(facts.counts.customers)} customers, ${number.format(facts.counts.products)} products, ${number.format(facts.counts.transactions)} transactions`,
    `  search   ${facts.searchStatus}`,
    `  sql      read-only, one statement, ${facts.limits.timeoutMs} ms, ${facts.limits.rowLimit} rows, ${Math.round(facts.limits.byteLimit / 1024)} KiB`,
    `  login    ${login}`,
    ...facts.notes.map((note) => `  note     ${note}`),
    '',
    'VS Code (.vscode/mcp.json):',
    vscodeSnippet(facts.launch),
    'Claude Desktop (claude_desktop_config.json):',
    claudeDesktopSnippet(facts.launch),
    `MCP Inspector: ${inspectorCommand(facts.launch)}`,
    '',
  ];
  return lines.join('\n');
}

/**
 * For a person who started the server in a terminal: nothing will happen until an
 * MCP client speaks on standard input, which is this terminal.
 */
export function terminalHint(): string {
  return (
    'Waiting for an MCP client on standard input, which is this terminal: MCP clients start zava-mcp themselves ' +
    '(paste a snippet above into their configuration), or try the tools with the MCP Inspector command above. Press Ctrl-C to stop.\n'
  );
}
