import { ZavaError } from '../../errors.js';
import { fatalError, lastReadyStatus } from './wireMessages.js';
import { CAPTURE_SESSION, RESET_SESSION, RESTORE_IDENTITY, RESTORE_SETTINGS, sessionStateSchema, type SessionState } from './sessionState.js';
import type { SessionLock } from './sessionLock.js';
import type { PgliteWorkerClient } from './workerClient.js';

/**
 * A transaction a door client leaves open holds the one session; the program
 * waits for it, but not for ever. Past this much idleness while the program waits,
 * the client's connection is ended (as PostgreSQL's idle_in_transaction_session_timeout
 * would) and its transaction rolled back.
 */
export const IDLE_IN_TRANSACTION_MS = 60_000;

/** What the door does to a client's socket when its connection must end. */
export interface WireClientSocket {
  /** Sends the bytes (an ErrorResponse) and closes the connection. */
  terminate(bytes: Uint8Array): void;
}

/**
 * Shares PGlite's one session between the program (the MCP server's transactions,
 * behind the driver's SessionLock) and the clients of the wire door:
 * - a client's messages take the same lock, and keep it until PostgreSQL is idle
 *   again (ReadyForQuery 'I'): a transaction, an unsynced extended-protocol
 *   exchange or a COPY of a client never interleaves with anything else;
 * - session-level state (SET ROLE, SET search_path...) is the owner's: when the
 *   session passes to another, the state left in it is saved for its client and
 *   the session reset, and a client gets its own state back when it returns.
 */
export class WireSessions {
  /** Whose session-level state the session holds now. */
  private owner: WireConnection | 'program' = 'program';
  private programWaiting = 0;

  constructor(
    private readonly client: PgliteWorkerClient,
    readonly lock: SessionLock,
  ) {}

  /** With the lock held, before the program's statement or transaction: the program's state. */
  async claimForProgram(): Promise<void> {
    if (this.owner === 'program') return;
    await this.saveAndReset(this.owner);
    this.owner = 'program';
  }

  /** For the driver: the program waits for the lock while this runs; a client idle in a transaction is ended. */
  async whileProgramWaits<T>(waiting: Promise<T>): Promise<T> {
    this.programWaiting += 1;
    this.watchIdleHolder();
    try {
      return await waiting;
    } finally {
      this.programWaiting -= 1;
    }
  }

  open(socket: WireClientSocket, idleInTransactionMs = IDLE_IN_TRANSACTION_MS): WireConnection {
    return new WireConnection(this, socket, idleInTransactionMs);
  }

  /** @internal With the lock held, before a client's message. */
  async claimFor(connection: WireConnection): Promise<void> {
    if (this.owner === connection) return;
    if (this.owner !== 'program') await this.saveAndReset(this.owner);
    this.owner = connection;
    if (connection.saved) await this.restore(connection.saved);
  }

  /** @internal With the lock held, as a client leaves: its state goes with it. */
  async forget(connection: WireConnection): Promise<void> {
    if (this.owner !== connection) return;
    await this.exec(RESET_SESSION);
    this.owner = 'program';
  }

  /** @internal The raw exchange: the backend's answer to a client's message. */
  async protocol(message: Uint8Array): Promise<Uint8Array> {
    const reply = await this.client.request({ kind: 'protocol', message });
    if (!reply.ok) throw new ZavaError('database_unavailable', `the embedded database failed a wire-protocol message: ${reply.error.message}`);
    return reply.bytes ?? new Uint8Array(0);
  }

  /** @internal A client now holds the lock between messages: the program may be waiting for it. */
  watchIdleHolder(): void {
    if (this.programWaiting === 0) return;
    const holder = this.holder;
    if (holder) holder.armIdleTimer();
  }

  /** @internal */
  holder: WireConnection | undefined;

  get programIsWaiting(): boolean {
    return this.programWaiting > 0;
  }

  private async saveAndReset(connection: WireConnection): Promise<void> {
    const result = await this.client.request({ kind: 'query', sql: CAPTURE_SESSION, params: [] });
    if (result.ok) {
      const parsed = sessionStateSchema.safeParse((result.rows[0] as { state?: unknown } | undefined)?.state);
      connection.saved = parsed.success ? parsed.data : undefined;
    }
    await this.exec(RESET_SESSION);
  }

  private async restore(state: SessionState): Promise<void> {
    // A role or setting that went away meanwhile leaves the client with the defaults, not a broken session.
    await this.client.request({ kind: 'query', sql: RESTORE_SETTINGS, params: [JSON.stringify(state)] });
    await this.client.request({ kind: 'query', sql: RESTORE_IDENTITY, params: [state.sessionUser, state.role] });
  }

  private async exec(sql: string): Promise<void> {
    const reply = await this.client.request({ kind: 'exec', sql });
    if (!reply.ok) throw new ZavaError('database_unavailable', `could not reset the embedded database's session: ${reply.error.message}`);
  }
}

const TERMINATE = 0x58;

/** Messages that end whatever a departed client left open: a COPY, an unsynced exchange, a transaction. */
const COPY_FAIL = message('f', cString('the client went away'));
const SYNC = message('S', new Uint8Array(0));
const ROLLBACK = message('Q', cString('ROLLBACK'));

/** One client of the wire door: its messages in order, and its session-level state while others use the session. */
export class WireConnection {
  saved: SessionState | undefined;
  private release: (() => void) | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private busy = false;
  private idleSince = Date.now();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: WireSessions,
    private readonly socket: WireClientSocket,
    private readonly idleInTransactionMs: number,
  ) {}

  /** Sends one message from the client and returns the backend's reply; messages run in the order they came. */
  exchange(message: Uint8Array): Promise<Uint8Array> {
    // Terminate: the client is leaving; the session is PGlite's to keep (close() cleans up).
    if (message[0] === TERMINATE) return Promise.resolve(new Uint8Array(0));
    const next = this.chain.then(() => this.run(message));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Ends the client's part: anything it left open is rolled back and its state leaves the session. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const closing = this.chain.then(() => this.cleanUp());
    this.chain = closing.catch(() => undefined);
    return closing;
  }

  /** @internal */
  armIdleTimer(): void {
    if (this.busy || this.closed || !this.release) return;
    clearTimeout(this.idleTimer);
    const left = Math.max(0, this.idleSince + this.idleInTransactionMs - Date.now());
    this.idleTimer = setTimeout(() => this.expireIfStillIdle(), left);
    this.idleTimer.unref();
  }

  private expireIfStillIdle(): void {
    if (this.busy || this.closed || !this.release || !this.sessions.programIsWaiting) return;
    if (Date.now() - this.idleSince < this.idleInTransactionMs) {
      this.armIdleTimer();
      return;
    }
    this.socket.terminate(
      fatalError('25P03', `terminating connection: a transaction stayed open for ${this.idleInTransactionMs / 1000} s while the MCP server waited for the database; it was rolled back`),
    );
  }

  private async run(message: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw new ZavaError('database_unavailable', 'the connection is closed');
    this.busy = true;
    clearTimeout(this.idleTimer);
    try {
      if (!this.release) {
        this.release = await this.sessions.lock.acquire();
        this.sessions.holder = this;
        await this.sessions.claimFor(this);
      }
      const reply = await this.sessions.protocol(message);
      // Only an idle backend can be handed on: not inside a transaction, an extended-protocol exchange before Sync, or a COPY.
      if (lastReadyStatus(reply) === 'I') this.giveBack();
      return reply;
    } catch (error) {
      this.giveBack();
      throw error;
    } finally {
      this.busy = false;
      this.idleSince = Date.now();
      if (this.release) this.sessions.watchIdleHolder();
    }
  }

  private async cleanUp(): Promise<void> {
    if (!this.release) {
      this.release = await this.sessions.lock.acquire();
      this.sessions.holder = this;
    } else {
      for (const ending of [COPY_FAIL, SYNC, ROLLBACK]) await this.sessions.protocol(ending).catch(() => undefined);
    }
    try {
      await this.sessions.forget(this);
    } finally {
      this.giveBack();
    }
  }

  private giveBack(): void {
    const release = this.release;
    this.release = undefined;
    clearTimeout(this.idleTimer);
    if (this.sessions.holder === this) this.sessions.holder = undefined;
    release?.();
  }
}

function message(type: string, body: Uint8Array): Uint8Array {
  const bytes = Buffer.alloc(5 + body.length);
  bytes.write(type, 0, 'ascii');
  bytes.writeInt32BE(4 + body.length, 1);
  Buffer.from(body).copy(bytes, 5);
  return bytes;
}

function cString(text: string): Uint8Array {
  return Buffer.from(`${text}\0`, 'utf8');
}
