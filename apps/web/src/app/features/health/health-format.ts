// Plain formatters rather than Angular's number pipes: any @angular/common pipe lands in the initial bundle.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "42 s", "5 min", "3 h 12 min", "2 d 4 h": the two largest units are enough to read at a glance. */
export function formatUptime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < MINUTE) return `${seconds} s`;
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min`;
  if (seconds < DAY) {
    const minutes = Math.floor((seconds % HOUR) / MINUTE);
    return `${Math.floor(seconds / HOUR)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((seconds % DAY) / HOUR);
  return `${Math.floor(seconds / DAY)} d${hours ? ` ${hours} h` : ''}`;
}

/** "12 ms"; sub-millisecond round trips read as "< 1 ms" rather than "0 ms". */
export function formatLatency(milliseconds: number): string {
  return milliseconds < 1 ? '< 1 ms' : `${Math.round(milliseconds)} ms`;
}
