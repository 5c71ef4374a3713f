import type { Command } from 'commander';
import { addDatabaseOptions } from '../databaseOptions.js';
import { parsePort, parsePositiveInteger } from '../optionParsers.js';
import { addWireDoorOptions } from '../serveWireDoor.js';
import type { ServeFlags } from '../actions/serve.js';

export function registerServeCommand(program: Command, setExitCode: (code: number) => void): void {
  addWireDoorOptions(addDatabaseOptions(
    program
      .command('serve', { isDefault: true })
      .description('run the MCP server over stdio for one store binding (the default command), or over Streamable HTTP for many (--http)'),
  ))
    .option('--store <id>', 'stdio: the store(s) this server is bound to: an id, a comma-separated list, or * (env ZAVA_STORE)')
    .option('--http', 'serve Streamable HTTP at /mcp; each request\'s bearer token decides its stores', false)
    .option('--host <address>', 'with --http: the address to listen on (env ZAVA_HTTP_HOST; default 127.0.0.1)')
    .option('--port <port>', 'with --http: the port (env ZAVA_HTTP_PORT; default 8000)', parsePort)
    .option('--embeddings <provider>', 'local, openai, azure or none (env ZAVA_EMBEDDINGS)')
    .option('--statement-timeout <ms>', 'cancel model-written queries after this long (env ZAVA_STATEMENT_TIMEOUT_MS)', parsePositiveInteger)
    .option('--row-limit <n>', 'rows returned per query at most (env ZAVA_ROW_LIMIT)', parsePositiveInteger)
    .option('--byte-limit <n>', 'bytes of rows returned per query at most (env ZAVA_BYTE_LIMIT)', parsePositiveInteger)
    .action(async (flags: ServeFlags) => {
      const code = await (await import('../actions/serve.js')).runServe(flags);
      if (code !== 0) setExitCode(code);
    });
}
