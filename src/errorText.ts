/**
 * Text from outside (an engine's error message, a parser's complaint) can be any
 * size: PostgreSQL quotes the offending input, and a grown value made one
 * "invalid input syntax" message 5 MB long. Clients and logs get at most this much.
 */
export const MAX_ERROR_TEXT = 500;

/** The text, or its first `max` characters and how many more were cut. */
export function capText(text: string, max = MAX_ERROR_TEXT): string {
  if (text.length <= max) return text;
  // Never end on half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length - end} more characters cut)`;
}
