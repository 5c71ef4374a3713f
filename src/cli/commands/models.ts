import type { Command } from 'commander';

export function registerModelsCommand(program: Command, setExitCode: (code: number) => void): void {
  const models = program.command('models').description('manage the local embedding model');
  models
    .command('pull')
    .description('download the local embedding model into the model cache ahead of an offline workshop (env ZAVA_MODEL_CACHE_DIR, ZAVA_LOCAL_MODEL)')
    .action(async () => setExitCode(await (await import('../actions/models.js')).runPull()));
}
