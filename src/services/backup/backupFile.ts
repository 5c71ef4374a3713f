import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ZavaError } from '../../errors.js';

/**
 * A backup of an embedded data directory, in one file: a line naming the format, a
 * line of JSON describing the backup (with the payload's sha256), then the data
 * directory as a gzip-compressed tarball (PGlite's dumpDataDir).
 */
const MAGIC = 'ZAVA-RETAIL-MCP BACKUP 1\n';

const headerSchema = z.object({
  createdAt: z.string(),
  zavaVersion: z.string(),
  serverVersion: z.string(),
  /** Where it was taken, for people. */
  source: z.string(),
  payload: z.object({ encoding: z.literal('gzip'), content: z.literal('pglite-data-directory-tar'), bytes: z.number().int().nonnegative(), sha256: z.string() }),
});

export type BackupHeader = z.infer<typeof headerSchema>;

export function encodeBackup(tarball: Uint8Array, about: Omit<BackupHeader, 'payload'>): Buffer {
  const payload = gzipSync(tarball);
  const header: BackupHeader = { ...about, payload: { encoding: 'gzip', content: 'pglite-data-directory-tar', bytes: payload.length, sha256: sha256(payload) } };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8'), payload]);
}

/** Reads and checks a backup: its format, its length and checksum, its compression; returns the tarball. */
export function decodeBackup(file: string): { header: BackupHeader; tarball: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZavaError('usage', `cannot read the backup ${file}${code ? ` (${code})` : ''}`);
  }
  const damaged = (why: string) => new ZavaError('invalid_argument', `${file} is not a usable zava-mcp backup: ${why}`);
  if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw damaged('it does not start as one (zava-mcp backup writes them)');
  const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) throw damaged('its description is cut off');
  let header: BackupHeader;
  try {
    header = headerSchema.parse(JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')));
  } catch {
    throw damaged('its description is unreadable');
  }
  const payload = bytes.subarray(headerEnd + 1);
  if (payload.length !== header.payload.bytes) throw damaged(`it holds ${payload.length} bytes of data where ${header.payload.bytes} were written (truncated?)`);
  if (sha256(payload) !== header.payload.sha256) throw damaged('its checksum does not match (the file was changed or damaged)');
  try {
    return { header, tarball: gunzipSync(payload) };
  } catch {
    throw damaged('its data does not decompress');
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
