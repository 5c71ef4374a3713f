import cliProgress from 'cli-progress';

export interface PhaseProgress {
  phase: string;
  done: number;
  total: number;
}

/**
 * A progress bar on an interactive terminal (stderr), nothing otherwise, so that
 * pipes, CI logs and MCP clients see no control characters.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  update(progress: PhaseProgress): void;
  stop(): void;
} {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let currentPhase: string | undefined;
  // The bar hides the cursor; a Ctrl-C while it runs must not leave the terminal without one.
  const interrupted = (signal: NodeJS.Signals) => {
    bar.stop();
    stopListening();
    process.kill(process.pid, signal);
  };
  const stopListening = () => {
    for (const signal of INTERRUPTS) process.off(signal, interrupted);
  };
  return {
    update({ phase, done, total }) {
      if (phase !== currentPhase) {
        if (currentPhase !== undefined) bar.stop();
        else for (const signal of INTERRUPTS) process.once(signal, interrupted);
        bar.start(total, done, { phase: phase.padEnd(12) });
        currentPhase = phase;
      }
      bar.update(done, { phase: phase.padEnd(12) });
    },
    stop() {
      if (currentPhase === undefined) return;
      bar.stop();
      stopListening();
      currentPhase = undefined;
    },
  };
}

const INTERRUPTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
