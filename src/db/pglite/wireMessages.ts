/**
 * The little of the PostgreSQL wire protocol the door reads and writes itself;
 * PGlite answers everything else.
 */

/** Transaction status of the last ReadyForQuery in a backend reply: I idle, T in a transaction, E failed one; undefined without one. */
export function lastReadyStatus(reply: Uint8Array): 'I' | 'T' | 'E' | undefined {
  let status: 'I' | 'T' | 'E' | undefined;
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  for (let offset = 0; offset + 5 <= reply.length; ) {
    const type = reply[offset]!;
    const length = view.getInt32(offset + 1);
    if (type === 0x5a /* Z */ && offset + 5 < reply.length) status = String.fromCharCode(reply[offset + 5]!) as 'I' | 'T' | 'E';
    offset += 1 + length;
  }
  return status;
}

/** An ErrorResponse a client shows as `FATAL: message` before the connection closes. */
export function fatalError(sqlState: string, message: string): Uint8Array {
  const fields = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', message), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'ascii');
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

function field(code: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(code, 'ascii'), Buffer.from(value, 'utf8'), Buffer.from([0])]);
}
