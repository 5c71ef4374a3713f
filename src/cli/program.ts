import { Command, CommanderError } from 'commander';
import { packageVersion } from '../packageRoot.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerChartCommand } from './commands/chart.js';
import { registerBackupCommand } from './commands/backup.js';
import { registerCopyCommand } from './commands/copy.js';
import { registerDbCommand } from './commands/dbServe.js';
import { registerEmbedCommand } from './commands/embed.js';
import { registerExportCommand } from './commands/export.js';
import { registerInitCommand } from './commands/init.js';
import { registerMaintenanceCommand } from './commands/maintenance.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerModelsCommand } from './commands/models.js';
import { registerResetCommand } from './commands/reset.js';
import { registerRestoreCommand } from './commands/restore.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSqlCommand } from './commands/sql.js';
import { registerTokensCommand } from './commands/tokens.js';
import { registerStatusCommand } from './commands/status.js';
import { closestName } from '../textSuggestion.js';
import { EXIT_OK, EXIT_USAGE } from './exitCodes.js';

/** Builds the command line; commands report through setExitCode instead of exiting. */
export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('zava-mcp')
    .description('Zava Retail MCP server: multi-tenant retail analytics over the Model Context Protocol')
    .version(packageVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Commander's own errors become the same one-line shape as ours.
      outputError: (text, write) => write(`zava-mcp: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    });
  registerServeCommand(program, setExitCode);
  registerInitCommand(program, setExitCode);
  registerMigrateCommand(program, setExitCode);
  registerSqlCommand(program, setExitCode);
  registerChartCommand(program, setExitCode);
  registerEmbedCommand(program, setExitCode);
  registerModelsCommand(program, setExitCode);
  registerMaintenanceCommand(program, setExitCode);
  registerTokensCommand(program, setExitCode);
  registerAuditCommand(program, setExitCode);
  registerDbCommand(program, setExitCode);
  registerCopyCommand(program, setExitCode);
  registerExportCommand(program, setExitCode);
  registerBackupCommand(program, setExitCode);
  registerRestoreCommand(program, setExitCode);
  registerStatusCommand(program, setExitCode);
  registerResetCommand(program, setExitCode);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  const unknown = unknownCommand(program, argv[0]);
  if (unknown) {
    process.stderr.write(`zava-mcp: ${unknown}\n`);
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}

/**
 * serve is the default command, so commander would take a misspelt command for an
 * argument of serve ("too many arguments for 'serve'"). serve takes no arguments:
 * a first word that is no command is a misspelt one.
 */
function unknownCommand(program: Command, first: string | undefined): string | undefined {
  if (first === undefined || first.startsWith('-')) return undefined;
  const names = ['help', ...program.commands.flatMap((command) => [command.name(), ...command.aliases()])];
  if (names.includes(first)) return undefined;
  const suggestion = closestName(first, names, Math.min(3, Math.ceil(first.length / 2)));
  return `unknown command '${first}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}; commands: ${names.filter((name) => name !== 'help').join(', ')}`;
}
