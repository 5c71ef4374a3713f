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

/** An absolute path (POSIX, `~/...`, or a Windows drive), not a URL's path or a ratio such as 1/2. */
const PATH = /(?<![\w.:/\\-])(?:~|[A-Za-z]:)?[/\\][^\s/\\'"`;,()]+(?:[/\\][^\s/\\'"`;,()]*)*/g;

/**
 * Text for a client of the MCP server: where files are on the server's machine
 * (a home directory, a model cache) is none of its business. Operators see the
 * full text in the banner, the CLI and the log.
 */
export function hidePaths(text: string): string {
  return text.replace(PATH, '<path>');
}
