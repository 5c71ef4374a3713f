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
  return {
    update({ phase, done, total }) {
      if (phase !== currentPhase) {
        if (currentPhase !== undefined) bar.stop();
        bar.start(total, done, { phase: phase.padEnd(12) });
        currentPhase = phase;
      }
      bar.update(done, { phase: phase.padEnd(12) });
    },
    stop() {
      if (currentPhase !== undefined) bar.stop();
    },
  };
}
