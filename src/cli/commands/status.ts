import type { Command } from 'commander';
import { addDatabaseOptions, type DatabaseFlags } from '../databaseOptions.js';

export function registerStatusCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(
    program.command('status').description('engine, where the data lives and its size, migrations, row counts, embeddings, and the doors open onto it'),
  ).action(async (flags: DatabaseFlags) => setExitCode(await (await import('../actions/status.js')).runStatus(flags)));
}
