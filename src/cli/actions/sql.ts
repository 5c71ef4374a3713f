import { readFileSync } from 'node:fs';
import type { Settings } from '../../config/settings.js';
import { openDatabase } from '../../db/openDatabase.js';
import type { DatabasePort, SqlExecutor } from '../../db/port.js';
import { isZavaError, ZavaError } from '../../errors.js';
import { isInitialised } from '../../services/databaseStatus.js';
import { withPositionInText } from '../../services/errorPosition.js';
import { runModelSql } from '../../services/modelSql.js';
import { parseStoreBinding } from '../../tenant/storeBinding.js';
import type { StoreSession } from '../../tenant/storeSession.js';
import { StoreSessions } from '../../tenant/storeSessions.js';
import { STORE_SEARCH_PATH } from '../../tenant/withStoreContext.js';
import { settingsFor } from '../commandSettings.js';
import type { DatabaseFlags } from '../databaseOptions.js';
import { EXIT_OK } from '../exitCodes.js';
import { reportFailure } from '../failure.js';
import { commandTag } from '../sql/commandTags.js';
import { defaultFormat, renderCsv, renderJson, renderTable, type SqlFormat, type StatementOutcome } from '../sql/sqlOutput.js';
import { lineAndColumn, splitScript, statementStart, transactionAfter, type ScriptStatement } from '../sql/sqlScript.js';

export interface SqlFlags extends DatabaseFlags {
  store?: string;
  admin: boolean;
  command?: string;
  file?: string;
  format?: SqlFormat;
}

export async function runSql(flags: SqlFlags): Promise<number> {
  try {
    if ((flags.store === undefined) === !flags.admin) throw new ZavaError('usage', 'give exactly one of --store <id> or --admin');
    if ((flags.command === undefined) === (flags.file === undefined)) throw new ZavaError('usage', 'give exactly one of -c "SQL" or -f FILE');
    const settings = settingsFor({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl, store: flags.store });
    const script = flags.command ?? readScript(flags.file!);
    const statements = splitScript(script);
    const format = flags.format ?? defaultFormat();
    const db = await openDatabase(settings, { create: false });
    const printer = new OutcomePrinter(format, statements.length);
    try {
      const failure = settings.store !== undefined ? await runAsStore(db, settings, statements, printer) : await runAsOwner(db, statements, printer);
      printer.finish();
      if (!failure) return EXIT_OK;
      return reportFailure('sql', describeFailure(failure, script, statements.length));
    } finally {
      await db.close();
    }
  } catch (error) {
    return reportFailure('sql', error);
  }
}

function readScript(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZavaError('usage', `cannot read ${file === '-' ? 'standard input' : file}${code ? ` (${code})` : ''}`);
  }
}

interface StatementFailure {
  statement: ScriptStatement;
  error: unknown;
  /** What happened to the script's transaction, when it had one open. */
  rolledBack: boolean;
}

/**
 * As the owner, on one session: statements in order, the script's own BEGIN and
 * COMMIT honoured; the first error stops the script (psql's ON_ERROR_STOP) and an
 * open transaction is rolled back. Unqualified names mean retail tables, as with --store.
 */
async function runAsOwner(db: DatabasePort, statements: ScriptStatement[], printer: OutcomePrinter): Promise<StatementFailure | undefined> {
  return db.ownerSession(async (session: SqlExecutor) => {
    await session.query("SELECT set_config('search_path', $1, false)", [STORE_SEARCH_PATH]);
    let open = false;
    for (const statement of statements) {
      let result;
      try {
        result = await session.query<unknown[]>(statement.text, [], { rowMode: 'array' });
      } catch (error) {
        return { statement, error: withPositionInText(error, 0, statement.text, 0), rolledBack: open };
      }
      open = transactionAfter(statement, open);
      printer.print({
        tag: commandTag(statement, result.rowCount),
        ...(result.fields.length > 0 ? { columns: result.fields.map((field) => field.name), rows: result.rows } : {}),
      });
    }
    if (open) printer.notice('the script ended inside a transaction (no COMMIT); it was rolled back');
    return undefined;
  });
}

/** As stores: every statement on its own, through the guard and the limits the MCP tool has. */
async function runAsStore(db: DatabasePort, settings: Settings, statements: ScriptStatement[], printer: OutcomePrinter): Promise<StatementFailure | undefined> {
  if (!(await isInitialised(db))) {
    throw new ZavaError('database_not_initialised', `no Zava database at ${db.info.location}; run \`zava-mcp init\` first`);
  }
  const sessions = await StoreSessions.open(db, settings);
  const session: StoreSession = await sessions.forBinding(parseStoreBinding(settings.store!));
  for (const statement of statements) {
    let result;
    try {
      result = await runModelSql(session, statement.text, { rowLimit: settings.rowLimit, byteLimit: settings.byteLimit });
    } catch (error) {
      return { statement, error, rolledBack: false };
    }
    const columns = result.columns.map((column) => column.name);
    printer.print({
      tag: `${statement.kind === 'ExplainStmt' ? 'EXPLAIN' : 'SELECT'} ${result.rowCount}`,
      columns,
      rows: result.rows.map((row) => columns.map((column) => row[column])),
      ...(result.truncationNote ? { note: result.truncationNote } : {}),
    });
  }
  return undefined;
}

/**
 * The failing statement, where it is in the script, and what became of the rest.
 * A position in the statement becomes a line and column of the script.
 */
function describeFailure({ statement, error, rolledBack }: StatementFailure, script: string, count: number): unknown {
  if (count === 1 || !isZavaError(error)) return error;
  const position = typeof error.details.position === 'number' ? error.details.position : undefined;
  const at = lineAndColumn(script, position === undefined ? statementStart(statement) : statement.offset + position - 1);
  const message = error.message.replace(/ \(at character \d+ of the query\)/, '');
  const where = position === undefined ? `line ${at.line}` : `line ${at.line}, column ${at.column}`;
  const after = [rolledBack ? 'its transaction was rolled back' : undefined, statement.index < count ? 'the statements after it did not run' : undefined].filter(Boolean);
  return new ZavaError(error.code, `statement ${statement.index} of ${count} (${where}): ${message}${after.length > 0 ? `; ${after.join(', ')}` : ''}`, error.details, { cause: error });
}

/**
 * Prints each statement's outcome as it comes (a long script shows progress);
 * JSON is one document, printed at the end. Notices go to stderr.
 */
class OutcomePrinter {
  private readonly outcomes: StatementOutcome[] = [];

  constructor(
    private readonly format: SqlFormat,
    private readonly statementCount: number,
  ) {}

  print(outcome: StatementOutcome): void {
    if (this.format === 'json') {
      this.outcomes.push(outcome);
      return;
    }
    if (this.format === 'table') process.stdout.write(renderTable(outcome));
    else if (outcome.columns) process.stdout.write(renderCsv(outcome));
    else process.stderr.write(`${outcome.tag}\n`);
    if (this.format === 'csv' && outcome.note) process.stderr.write(`zava-mcp sql: ${outcome.note}\n`);
  }

  notice(text: string): void {
    process.stderr.write(`zava-mcp sql: ${text}\n`);
  }

  finish(): void {
    if (this.format === 'json' && this.outcomes.length > 0) {
      process.stdout.write(renderJson(this.outcomes, this.statementCount));
      for (const outcome of this.outcomes) if (outcome.note) this.notice(outcome.note);
    }
  }
}
