import type { DatabasePort, QueryOptions } from '../db/port.js';
import { SqlExecutionError } from '../errors.js';
import { ConcurrencyLimit } from './concurrencyLimit.js';
import type { StoreBinding } from './storeBinding.js';
import { resolveStoreBinding } from './storeDirectory.js';
import type { StoreSession, StoreTransaction } from './storeSession.js';
import { assertStoreContextIntact, withStoreContext } from './withStoreContext.js';

export interface StoreLimits {
  /** Every statement of a store transaction is cancelled after this long. */
  statementTimeoutMs: number;
  /** Temporary files one store transaction may write (sorts and hashes that spill). */
  tempFileLimitMb: number;
  /** Store transactions running at once, across every session (default 4). */
  maxConcurrentQueries?: number;
  /** Store transactions running at once for one caller, however many sessions it opens (default 2). */
  maxConcurrentQueriesPerCaller?: number;
}

/**
 * How temp_file_limit reaches store transactions: set in each one where the
 * login may set it (PGlite's superuser session, a superuser owner, or a grant),
 * else whatever the server gives mcp_user (init and migrate set a role default
 * when they can), which may be none.
 */
export interface TempFileLimit {
  how: 'per-transaction' | 'role-default' | 'none';
  /** As PostgreSQL shows it: '256MB', or '-1' for none. */
  value: string;
}

const UNDEFINED_FUNCTION = '42883';
const DEFAULT_CONCURRENT_QUERIES = 4;
const DEFAULT_CONCURRENT_QUERIES_PER_CALLER = 2;

/**
 * Makes store sessions for one database: resolves bindings against the store
 * directory and gives every session the same limits.
 */
export class StoreSessions {
  private readonly running: ConcurrencyLimit;
  private readonly runningPerCaller = new Map<string, ConcurrencyLimit>();

  private constructor(
    private readonly db: DatabasePort,
    private readonly limits: StoreLimits,
    readonly tempFileLimit: TempFileLimit,
  ) {
    this.running = new ConcurrencyLimit(limits.maxConcurrentQueries ?? DEFAULT_CONCURRENT_QUERIES);
  }

  static async open(db: DatabasePort, limits: StoreLimits): Promise<StoreSessions> {
    return new StoreSessions(db, limits, await probeTempFileLimit(db, limits.tempFileLimitMb));
  }

  /**
   * A session for a binding; an unknown or inactive store is an error listing the
   * stores there are. Sessions of one `caller` (a token, say) share that caller's
   * share of the running queries, so one caller's heavy queries queue behind each
   * other, not in front of everybody else's.
   */
  async forBinding(binding: StoreBinding, caller?: string): Promise<StoreSession> {
    return this.forStores(await resolveStoreBinding(this.db, binding), caller);
  }

  /** A session for stores already resolved (sorted, active). */
  forStores(storeIds: readonly string[], caller?: string): StoreSession {
    const bound = Object.freeze([...storeIds]);
    const callerShare = caller === undefined ? undefined : this.shareOf(caller);
    return {
      storeIds: bound,
      statementTimeoutMs: this.limits.statementTimeoutMs,
      read: (work) => {
        const read = () => this.running.run(() => this.readAs(bound, work));
        return callerShare ? callerShare.run(read) : read();
      },
    };
  }

  private readAs<T>(storeIds: readonly string[], work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const { statementTimeoutMs } = this.limits;
    const settings = this.tempFileLimit.how === 'per-transaction' ? { temp_file_limit: this.tempFileLimit.value } : undefined;
    return withStoreContext(
      this.db,
      storeIds,
      (tx) =>
        work({
          query: (sql, params = [], options: QueryOptions = {}) => tx.query(sql, params, { ...options, timeoutMs: options.timeoutMs ?? statementTimeoutMs }),
          assertContextIntact: () => assertStoreContextIntact(tx, storeIds),
        }),
      { readOnly: true, ...(settings ? { settings } : {}) },
    );
  }

  private shareOf(caller: string): ConcurrencyLimit {
    let share = this.runningPerCaller.get(caller);
    if (!share) {
      share = new ConcurrencyLimit(this.limits.maxConcurrentQueriesPerCaller ?? DEFAULT_CONCURRENT_QUERIES_PER_CALLER);
      this.runningPerCaller.set(caller, share);
    }
    return share;
  }
}

async function probeTempFileLimit(db: DatabasePort, limitMb: number): Promise<TempFileLimit> {
  const probe = await db.transaction({ role: 'store', readOnly: true }, async (tx) => {
    const current = (await tx.query<{ value: string }>("SELECT current_setting('temp_file_limit') AS value")).rows[0]!.value;
    // The settings of a store transaction are made as its session user, before the role switch.
    const canSet = await tx
      .query<{ can_set: boolean }>("SELECT has_parameter_privilege(session_user, 'temp_file_limit', 'SET') AS can_set")
      .then(
        (result) => result.rows[0]!.can_set,
        async (error: unknown) => {
          // Before PostgreSQL 15 only superusers set it.
          if (!(error instanceof SqlExecutionError && error.sqlState === UNDEFINED_FUNCTION)) throw error;
          return false;
        },
      );
    return { current, canSet };
  });
  if (probe.canSet) return { how: 'per-transaction', value: `${limitMb}MB` };
  return probe.current === '-1' ? { how: 'none', value: '-1' } : { how: 'role-default', value: probe.current };
}
