import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host);
}

/**
 * DNS rebinding: a web page on another site can make a browser send requests to
 * 127.0.0.1. The MCP specification asks local servers to check Origin; a server
 * bound to loopback also checks that the Host header names loopback. Clients that
 * are not browsers send no Origin and pass.
 */
export function originProblem(req: IncomingMessage, boundHost: string, port: number, allowedOrigins: ReadonlySet<string>): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin) && !isLocalOrigin(origin, port)) {
    return `origin ${origin} is not allowed (ZAVA_HTTP_ALLOWED_ORIGINS)`;
  }
  if (isLoopback(boundHost)) {
    const host = hostName(req.headers.host);
    if (host === undefined || !isLoopback(host)) return `host ${req.headers.host ?? '(none)'} is not this local server`;
  }
  return undefined;
}

function isLocalOrigin(origin: string, port: number): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname) && Number(url.port || 80) === port;
  } catch {
    return false;
  }
}

function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return undefined;
  }
}
