/**
 * Resolves when a signal arrives (SIGINT, SIGTERM) or, for a stdio server, when its
 * client closes standard input; the caller then closes everything cleanly.
 */
export function shutdownRequested(options: { onInputEnd: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    if (options.onInputEnd) {
      process.stdin.once('end', stop);
      process.stdin.once('close', stop);
    }
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
