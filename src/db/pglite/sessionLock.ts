/**
 * PGlite has one PostgreSQL session: one transaction or statement holds it at a
 * time, in the order they asked for it.
 */
export class SessionLock {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  /** Callers waiting for the session, not counting the one holding it. */
  get waiting(): number {
    return this.queued;
  }

  /** Resolves when the session is this caller's, with the function that gives it back. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.queued += 1;
    const granted = this.tail.then(() => {
      this.queued -= 1;
      return release;
    });
    this.tail = this.tail.then(() => released);
    return granted;
  }
}
