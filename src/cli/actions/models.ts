import { loadSettings } from '../../config/settings.js';
import { pullLocalModel } from '../../embeddings/local/pullLocalModel.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';

export async function runPull(): Promise<number> {
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
