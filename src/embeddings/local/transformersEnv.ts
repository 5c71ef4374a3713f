import type { env as transformersEnv } from '@huggingface/transformers';

type EnvOverrides = Partial<Pick<typeof transformersEnv, 'allowRemoteModels' | 'allowLocalModels' | 'cacheDir'>>;

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` (a model load) with transformers.js's env temporarily changed.
 *
 * transformers.js keeps its configuration in one process-wide `env` object, and
 * in 4.3.1 `pipeline()` ignores the per-call `cache_dir` / `local_files_only` for
 * its first config.json lookup, so a load can only be kept offline through `env`.
 * Loads are therefore serialised and `env` is restored after each one; inference
 * on an already-loaded pipeline does not read these fields.
 */
export async function withTransformersEnv<T>(overrides: EnvOverrides, task: () => Promise<T>): Promise<T> {
  const { env } = await import('@huggingface/transformers');
  const run = async (): Promise<T> => {
    const saved: EnvOverrides = { allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels, cacheDir: env.cacheDir };
    Object.assign(env, overrides);
    try {
      return await task();
    } finally {
      Object.assign(env, saved);
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
