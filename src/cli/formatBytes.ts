const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'] as const;

/** 1536 -> "1.5 kB": sizes as people read them (powers of 1024, as pg_size_pretty). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
