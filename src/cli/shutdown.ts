/**
 * Resolves when a signal arrives (SIGINT, SIGTERM, SIGHUP: a closed terminal) or,
 * for a stdio server, when its client closes standard input; the caller then
 * closes everything cleanly.
 */
export function shutdownRequested(options: { onInputEnd: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const stop = () => {
      for (const signal of signals) process.off(signal, stop);
      resolve();
    };
    if (options.onInputEnd) {
      process.stdin.once('end', stop);
      process.stdin.once('close', stop);
    }
    for (const signal of signals) process.on(signal, stop);
  });
}
