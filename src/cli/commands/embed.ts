import type { Command } from 'commander';
import { addDatabaseOptions } from '../databaseOptions.js';
import type { EmbedFlags } from '../actions/embed.js';

export function registerEmbedCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program
      .command('embed')
      .description('embed every product that has no current embedding for the active model (new or changed text); resumable'),
  )
    .option('--embeddings <provider>', 'local, openai or azure (env ZAVA_EMBEDDINGS)')
    .action(async (flags: EmbedFlags) => setExitCode(await (await import('../actions/embed.js')).runEmbed(flags)));
}
