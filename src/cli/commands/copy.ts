import type { Command } from 'commander';
import type { CopyFlags } from '../actions/copy.js';

export function registerCopyCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('copy')
    .description('copy a Zava database to another (a data directory or a postgres:// URL on either side): the target migrated, every table copied with COPY, checksums compared')
    .requiredOption('--from <dir|url>', 'the database to copy: a data directory or a postgres:// URL')
    .requiredOption('--to <dir|url>', 'where to copy it: a data directory (created if missing) or a postgres:// URL (an existing database)')
    .option('--force', 'replace the data of a target that already holds some', false)
    .action(async (flags: CopyFlags) => setExitCode(await (await import('../actions/copy.js')).runCopy(flags)));
}
