import { createWriteStream, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { ZavaError } from '../errors.js';

export interface BesideFile {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Renames the finished file into place. */
  commit(): Promise<void>;
  /** Removes the unfinished file; the destination is as it was. */
  abandon(): Promise<void>;
}

/**
 * A file written beside its destination and renamed into place when complete:
 * an interrupted export or backup never leaves half a file where a whole one was
 * expected, nor replaces a good one.
 */
export async function writeBeside(destination: string): Promise<BesideFile> {
  const partial = path.join(path.dirname(destination), `.${path.basename(destination)}.${process.pid}.partial`);
  const stream = createWriteStream(partial, { flags: 'wx' });
  await Promise.race([
    once(stream, 'open'),
    once(stream, 'error').then(([error]) => {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ZavaError('usage', `cannot write ${destination}${code ? ` (${code})` : ''}`, {}, { cause: error });
    }),
  ]);
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  return {
    write: async (chunk) => {
      if (failure) throw failure;
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    commit: async () => {
      stream.end();
      await once(stream, 'finish');
      if (failure) throw failure;
      renameSync(partial, destination);
    },
    abandon: async () => {
      stream.destroy();
      rmSync(partial, { force: true });
    },
  };
}
