import { capText } from '../errorText.js';

/** Logs go to stderr only: on stdio, stdout belongs to the MCP protocol. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** A log line carries a message and some context, never a megabyte of quoted input. */
const MAX_LOG_MESSAGE = 4000;

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (messageLevel: LogLevel, message: string) => {
    if (ORDER[messageLevel] <= ORDER[level]) write(`${new Date().toISOString()} ${messageLevel.padEnd(5)} ${capText(message, MAX_LOG_MESSAGE)}\n`);
  };
  return {
    error: (message) => emit('error', message),
    warn: (message) => emit('warn', message),
    info: (message) => emit('info', message),
    debug: (message) => emit('debug', message),
  };
}
