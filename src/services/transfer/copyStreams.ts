/** COPY text ends every row with a newline; one inside a value is written as \n. */
const NEWLINE = 0x0a;

export function countRows(chunk: Uint8Array): number {
  let rows = 0;
  for (const byte of chunk) if (byte === NEWLINE) rows += 1;
  return rows;
}

/**
 * Passes the chunks on in slices of at most `size` bytes, reporting the rows of
 * each: a table PGlite hands over in one piece still streams into the target with
 * a moving progress bar.
 */
export async function* counted(chunks: AsyncIterable<Uint8Array>, onRows: (rows: number) => void, size = 256 * 1024): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length; start += size) {
      const slice = chunk.subarray(start, Math.min(chunk.length, start + size));
      yield slice;
      onRows(countRows(slice));
    }
  }
}
