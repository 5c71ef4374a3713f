import type { Command } from 'commander';
import type { RestoreFlags } from '../actions/restore.js';

export function registerRestoreCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('restore <file>')
    .description('restore an embedded data directory from a `zava-mcp backup` file (checked first; built beside, then renamed into place)')
    .option('--data-dir <dir>', 'the data directory to restore into (env ZAVA_DATA_DIR)')
    .option('--force', 'replace a directory that holds a database', false)
    .action(async (file: string, flags: RestoreFlags) => setExitCode(await (await import('../actions/restore.js')).runRestore(file, flags)));
}
