import { randomBytes } from 'node:crypto';
import { rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { ZavaError } from '../errors.js';

/**
 * Writes a file whole or not at all: into a hidden file beside it, then renamed
 * over the target, so a reader never sees half a file and a failure leaves the old
 * one (or none) in place.
 */
export async function writeFileAtomically(target: string, data: Buffer): Promise<void> {
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await writeFile(partial, data, { flag: 'wx' });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZavaError('invalid_argument', `cannot write ${target}: ${code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'write failed')}`, {}, { cause: error });
  }
}
