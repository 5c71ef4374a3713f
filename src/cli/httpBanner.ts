import type { ZavaApp } from '../app/openZava.js';
import { describeSearch } from '../app/searchStatus.js';
import type { Settings } from '../config/settings.js';
import { packageVersion } from '../packageRoot.js';
import { describeEngine } from './banner.js';

export interface HttpBannerFacts {
  app: ZavaApp;
  url: string;
  activeTokens: number;
  settings: Settings;
  readyMs: number;
  notes: string[];
}

/** One screen on stderr: where to connect, how callers authenticate, the limits, and a client entry. */
export function renderHttpBanner({ app, url, activeTokens, settings, readyMs, notes }: HttpBannerFacts): string {
  const jwt = settings.jwtSecret ? ' + JWT (HS256, ZAVA_JWT_SECRET)' : settings.jwksUrl ? ` + JWT (RS256/ES256 from ${settings.jwksUrl})` : '';
  const tokens = activeTokens === 0 ? 'no API tokens yet: every request gets 401 until you run zava-mcp tokens add' : `${activeTokens} API token${activeTokens === 1 ? '' : 's'}`;
  const lines = [
    `Zava Retail MCP ${packageVersion()}: ready in ${(readyMs / 1000).toFixed(1)} s, serving Streamable HTTP`,
    `  url      ${url} (health: ${url.replace(/\/mcp$/, '/healthz')})`,
    `  engine   ${describeEngine(app.info)}`,
    `  data     ${app.info.location}`,
    `  auth     bearer tokens decide the stores of each session: ${tokens}${jwt}`,
    `  limits   ${settings.httpRateLimitPerMinute} requests/min per token, ${settings.httpMaxSessionsPerToken} sessions per token, ${settings.httpMaxSessions} in all, idle after ${settings.httpSessionIdleSeconds} s, bodies up to ${Math.round(settings.httpMaxBodyBytes / 1024)} KiB`,
    `  search   ${describeSearch(app.capabilities, app.embeddings, app.embeddedAtStart)}`,
    `  sql      read-only, one statement, ${settings.statementTimeoutMs} ms, ${settings.rowLimit} rows, ${Math.round(settings.byteLimit / 1024)} KiB; ${settings.maxConcurrentQueries} at once`,
    `  audit    every tool call is recorded (zava-mcp audit)`,
    ...notes.map((note) => `  note     ${note}`),
    '',
    'VS Code (.vscode/mcp.json), with a token from zava-mcp tokens add:',
    JSON.stringify({ servers: { 'zava-retail': { type: 'http', url, headers: { Authorization: 'Bearer <token>' } } } }),
    'Stop with Ctrl-C (SIGINT) or SIGTERM: calls in flight finish first.',
    '',
  ];
  return lines.join('\n');
}
