/**
 * PGlite has one PostgreSQL session: one transaction or statement holds it at a
 * time, in the order they asked for it.
 */
export class SessionLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when the session is this caller's, with the function that gives it back. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const granted = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return granted;
  }
}
