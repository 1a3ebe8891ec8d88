// Plain Intl formatters rather than Angular's date pipe: any @angular/common pipe lands in the initial bundle.

const DAY_MS = 86_400_000;

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Mar 4, 2026"; an em dash when there is no date. */
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateFormat.format(date) : '—';
}

/** "Mar 4, 2026, 3:05 PM"; an em dash when there is no date. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateTimeFormat.format(date) : '—';
}

/**
 * Whole days left until `iso`, counting a started day as a day (ends in 3 h → 1); 0 once it has
 * passed; null without a date.
 */
export function daysUntil(iso: string | null | undefined, now: Date = new Date()): number | null {
  const date = parse(iso);
  if (!date) return null;
  const left = date.getTime() - now.getTime();
  return left <= 0 ? 0 : Math.ceil(left / DAY_MS);
}
