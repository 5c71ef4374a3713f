import type { Command } from 'commander';
import { addDatabaseOptions } from '../databaseOptions.js';
import { parseIsoDate, parsePositiveInteger } from '../optionParsers.js';
import type { AuditFlags } from '../actions/audit.js';

export function registerAuditCommand(program: Command, setExitCode: (code: number) => void): void {
  addDatabaseOptions(program.command('audit').description('the record of tool calls, newest first: who, which session and stores, what was asked, what came of it'))
    .option('--since <YYYY-MM-DD>', 'calls on or after this day (UTC)', parseIsoDate)
    .option('--token <name>', 'calls of one token (its name), JWT subject, or stdio')
    .option('--limit <n>', 'at most this many calls', parsePositiveInteger, 50)
    .option('--format <format>', 'table or json', 'table')
    .action(async (flags: AuditFlags) => setExitCode(await (await import('../actions/audit.js')).runAudit(flags)));
}
