/**
 * Calendar arithmetic in UTC on whole days ("day numbers" since 1970-01-01), so no
 * time zone or locale of the machine can move a date.
 */
export const MS_PER_DAY = 86_400_000;

/** Day number of a validated `YYYY-MM-DD`. */
export function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

// Millions of rows name a few tens of thousands of days: each day's text is made once.
const isoDates = new Map<number, string>();

export function isoDate(day: number): string {
  let text = isoDates.get(day);
  if (text === undefined) isoDates.set(day, (text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)));
  return text;
}

/** `YYYY-MM-DDTHH:MM:SS.000Z` for a day number plus seconds into that day. */
export function isoTimestamp(day: number, secondOfDay: number): string {
  return new Date(day * MS_PER_DAY + secondOfDay * 1000).toISOString();
}

/** The same calendar day `months` later (earlier if negative); a missing day rolls over, e.g. Feb 29 to Mar 1. */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()) / MS_PER_DAY;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** 0 = January ... 11 = December. */
export function monthIndex(day: number): number {
  return Number(isoDate(day).slice(5, 7)) - 1;
}

/** `YYYYMMDD`, for receipt numbers. */
export function compactDate(day: number): string {
  return isoDate(day).replaceAll('-', '');
}

export function isRealCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
