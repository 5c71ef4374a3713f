import type { Command } from 'commander';
import { loadSettings } from '../../config/settings.js';
import { pullLocalModel } from '../../embeddings/local/pullLocalModel.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

export function registerModelsCommand(program: Command, setExitCode: (code: number) => void): void {
  const models = program.command('models').description('manage the local embedding model');
  models
    .command('pull')
    .description('download the local embedding model into the model cache ahead of an offline workshop (env ZAVA_MODEL_CACHE_DIR, ZAVA_LOCAL_MODEL)')
    .action(async () => setExitCode(await runPull()));
}

async function runPull(): Promise<number> {
  try {
    const settings = loadSettings();
    const pulled = await pullLocalModel(settings, (event) => {
      if (event.status === 'done' && event.file) console.error(`downloaded ${event.file}`);
    });
    process.stdout.write(`${pulled.model} (${pulled.dimensions} dimensions) is in ${pulled.dir}\n`);
    return EXIT_OK;
  } catch (error) {
    return reportFailure('models pull', error);
  }
}
