/** The calendar month (UTC) that `now` falls in: its first instant and the first instant of the next. */
export function utcMonthOf(now: Date): { start: Date; next: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  // Date.UTC rolls month 12 over into January of the next year.
  return { start: new Date(Date.UTC(year, month, 1)), next: new Date(Date.UTC(year, month + 1, 1)) };
}
