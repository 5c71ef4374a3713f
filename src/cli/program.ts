import { Command, CommanderError } from 'commander';
import { packageVersion } from '../packageRoot.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerChartCommand } from './commands/chart.js';
import { registerEmbedCommand } from './commands/embed.js';
import { registerInitCommand } from './commands/init.js';
import { registerMaintenanceCommand } from './commands/maintenance.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerModelsCommand } from './commands/models.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSqlCommand } from './commands/sql.js';
import { registerTokensCommand } from './commands/tokens.js';
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
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
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
