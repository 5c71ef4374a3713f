import { InvalidArgumentError } from 'commander';
import { MAX_SCALE } from '../seed/limits.js';

export function parseNonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number (0 or more).');
  return Number(value);
}

export function parsePositiveInteger(value: string): number {
  const parsed = parseNonNegativeInteger(value);
  if (parsed === 0) throw new InvalidArgumentError('expected a whole number above 0.');
  return parsed;
}

export function parsePositiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a number above 0.');
  return parsed;
}

/** The sample-data scale: above 0, at most MAX_SCALE. */
export function parseScale(value: string): number {
  const parsed = parsePositiveNumber(value);
  if (parsed > MAX_SCALE) throw new InvalidArgumentError(`expected at most ${MAX_SCALE}.`);
  return parsed;
}

/** A real calendar date written YYYY-MM-DD. */
export function parseIsoDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  }
  return value;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A TCP port; 0 lets the system pick a free one. */
export function parsePort(value: string): number {
  const parsed = parseNonNegativeInteger(value);
  if (parsed > 65_535) throw new InvalidArgumentError('expected a port from 0 to 65535 (0 picks a free one).');
  return parsed;
}

/** When something ends: `30d`, `12h`, `45m` from now, or a date YYYY-MM-DD (its start, UTC). */
export function parseExpiry(value: string, now: () => Date = () => new Date()): Date {
  const relative = /^(\d+)([dhm])$/.exec(value);
  if (relative) {
    const unitMs = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2] as 'd' | 'h' | 'm'];
    const amount = Number(relative[1]);
    if (amount === 0) throw new InvalidArgumentError('expected a positive duration.');
    return new Date(now().getTime() + amount * unitMs);
  }
  try {
    return new Date(`${parseIsoDate(value)}T00:00:00Z`);
  } catch {
    throw new InvalidArgumentError('expected a duration such as 30d, 12h or 45m, or a date YYYY-MM-DD.');
  }
}
