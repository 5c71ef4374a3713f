import type { Command } from 'commander';
import type { BackupFlags } from '../actions/backup.js';

export function registerBackupCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('backup')
    .description('back up an embedded data directory into one compressed, checksummed file (restore it with `zava-mcp restore`)')
    .option('--data-dir <dir>', 'embedded database directory (env ZAVA_DATA_DIR)')
    .option('--out <file>', 'the backup file (default: zava-backup-<date>.zbak in the working directory)')
    .option('--force', 'replace an existing file', false)
    .action(async (flags: BackupFlags) => setExitCode(await (await import('../actions/backup.js')).runBackup(flags)));
}
