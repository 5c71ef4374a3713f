import type { CopyData } from '../copyTable.js';

const NEWLINE = 0x0a;

/**
 * COPY text regrouped into blobs of whole lines of at least `size` bytes (the last
 * one smaller). Each blob is a COPY statement of its own, so no row may be split
 * between two; in text format a newline inside a value is escaped, so a raw newline
 * always ends a row.
 */
export async function* copyChunks(data: CopyData, size: number): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  let parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of data) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    parts.push(bytes);
    length += bytes.length;
    if (length < size) continue;
    const joined = Buffer.concat(parts, length);
    const end = joined.lastIndexOf(NEWLINE) + 1;
    if (end === 0) continue;
    yield joined.subarray(0, end);
    parts = end < joined.length ? [joined.subarray(end)] : [];
    length = joined.length - end;
  }
  if (length > 0) yield Buffer.concat(parts, length);
}
