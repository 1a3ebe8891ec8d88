import { formatDate } from './date-format';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

/**
 * "just now", "3 minutes ago", "2 hours ago", "5 days ago", then "on Mar 4, 2026". Whole units,
 * rounded down, so "1 hour ago" never means 59 minutes. A time a little in the future (clock
 * skew between browser and server) reads as "just now"; no usable time reads as "".
 */
export function timeAgo(when: string | Date | null | undefined, now: Date = new Date()): string {
  if (!when) return '';
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = Math.floor((now.getTime() - date.getTime()) / 1000);
  if (seconds < MINUTE) return 'just now';
  if (seconds < HOUR) return plural(Math.floor(seconds / MINUTE), 'minute');
  if (seconds < DAY) return plural(Math.floor(seconds / HOUR), 'hour');
  if (seconds < 30 * DAY) return plural(Math.floor(seconds / DAY), 'day');
  return `on ${formatDate(date.toISOString())}`;
}
