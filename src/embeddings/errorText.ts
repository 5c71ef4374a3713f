import { isZavaError } from '../errors.js';

/**
 * The first line of an error's message, with its cause's message when that adds
 * something. A ZavaError's message is final: its cause may hold what it left out
 * on purpose (a server's reply quoting a key).
 */
export function errorSummary(error: unknown): string {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const cause = error instanceof Error && !isZavaError(error) && error.cause instanceof Error ? firstLine(error.cause.message) : '';
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
}

/** Removes secrets (exact values, anything shaped like an OpenAI key or a JWT) and keeps one short line. */
export function redact(text: string, secrets: readonly (string | undefined)[], maxLength = 300): string {
  let safe = firstLine(text);
  for (const secret of secrets) if (secret) safe = safe.split(secret).join('[redacted]');
  safe = safe.replace(/\bsk-[A-Za-z0-9_*-]{6,}/g, '[redacted]').replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]');
  return safe.length > maxLength ? `${safe.slice(0, maxLength - 1)}…` : safe;
}

function firstLine(text: string): string {
  return (text.split('\n', 1)[0] ?? '').trim();
}
