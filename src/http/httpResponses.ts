import type { ServerResponse } from 'node:http';

/** JSON-RPC's "server error" range, as the SDK's own transport answers refusals. */
const REFUSED = -32001;

/**
 * A refusal before the MCP layer: the HTTP status, one line of reason in the
 * JSON-RPC error shape clients already parse, and the headers the status needs.
 */
export function refuse(res: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: REFUSED, message: reason }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** RFC 6750: a missing token gets the scheme alone; a bad one says why. */
export function bearerChallenge(status: 401 | 403, reason: string, tokenPresent: boolean): Record<string, string> {
  const escaped = reason.replace(/["\\]/g, "'");
  if (status === 403) return { 'www-authenticate': `Bearer realm="zava-retail-mcp", error="insufficient_scope", error_description="${escaped}"` };
  if (!tokenPresent) return { 'www-authenticate': 'Bearer realm="zava-retail-mcp"' };
  return { 'www-authenticate': `Bearer realm="zava-retail-mcp", error="invalid_token", error_description="${escaped}"` };
}
