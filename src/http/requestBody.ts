import type { IncomingMessage } from 'node:http';

export type BodyOutcome = { ok: true; body: unknown } | { ok: false; status: 400 | 413; reason: string };

/**
 * Reads and parses a JSON body, stopping at `maxBytes`: a declared length over the
 * cap is refused before reading, an undeclared one as soon as it passes it.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const tooLarge = { ok: false as const, status: 413 as const, reason: `the request body is larger than ${maxBytes} bytes (ZAVA_HTTP_MAX_BODY_BYTES)` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.destroy();
      return tooLarge;
    }
    chunks.push(chunk);
  }
  try {
    return { ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, reason: 'the request body is not JSON' };
  }
}
