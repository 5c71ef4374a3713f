import type { ZavaApp } from '../app/openZava.js';
import type { Settings } from '../config/settings.js';
import { ZavaError } from '../errors.js';
import { isLoopback } from '../http/originCheck.js';
import { startHttpServer, type HttpServerOptions } from '../http/httpServer.js';
import { renderHttpBanner } from './httpBanner.js';
import { shutdownRequested } from './shutdown.js';
import { tempFileNote } from './serveStdio.js';
import { openWireDoorBeside, type WireDoorFlags } from './serveWireDoor.js';

export function httpServerOptions(settings: Settings): HttpServerOptions {
  return {
    host: settings.httpHost,
    port: settings.httpPort,
    allowedOrigins: settings.httpAllowedOrigins.split(',').map((origin) => origin.trim()).filter(Boolean),
    maxBodyBytes: settings.httpMaxBodyBytes,
    rateLimitPerMinute: settings.httpRateLimitPerMinute,
    maxSessions: settings.httpMaxSessions,
    maxSessionsPerPrincipal: settings.httpMaxSessionsPerToken,
    sessionIdleMs: settings.httpSessionIdleSeconds * 1000,
  };
}

/**
 * Many store managers at once over Streamable HTTP, each session bound to its
 * token's stores, until SIGINT or SIGTERM: then calls in flight finish, new ones
 * get 503, and the caller closes the database.
 */
export async function serveHttp(app: ZavaApp, settings: Settings, flags: WireDoorFlags): Promise<void> {
  const activeTokens = (await app.listTokens()).filter((token) => token.revoked_at === null && (token.expires_at === null || token.expires_at > new Date())).length;
  if (!isLoopback(settings.httpHost) && activeTokens === 0 && !app.authenticator.acceptsJwt) {
    throw new ZavaError(
      'usage',
      `listening on ${settings.httpHost} needs authentication configured first: create a token (zava-mcp tokens add --name NAME --store ID) or set ZAVA_JWT_SECRET or ZAVA_JWKS_URL`,
    );
  }
  const stopped = shutdownRequested({ onInputEnd: false });
  const server = await startHttpServer(app, httpServerOptions(settings));
  app.announceHttpUrl(server.url);
  const doorNotes = await openWireDoorBeside(app, flags);
  process.stderr.write(
    renderHttpBanner({
      app,
      url: server.url,
      activeTokens,
      settings,
      readyMs: process.uptime() * 1000,
      notes: [...app.prepared.migrations.waiting.map((waiting) => `migration ${waiting} not applied`), ...tempFileNote(app.tempFileLimit), ...doorNotes],
    }),
  );
  await stopped;
  app.logger.info('shutting down: finishing calls in flight');
  await server.close();
  app.announceHttpUrl(undefined);
}
