import type { EscalationMetricsDay } from '@resolutionflow/contracts';

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "45 s", "3 min", "1 h 20 min", "2 d 3 h"; an em dash when there is nothing to measure. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours ? `${days} d ${restHours} h` : `${days} d`;
}

/** "3 of 4 (75%)"; just the count when there is no total. */
export function shareOf(part: number, total: number): string {
  if (total <= 0) return String(part);
  return `${part} of ${total} (${Math.round((part / total) * 100)}%)`;
}

/** A `YYYY-MM-DD` UTC day as "Mar 4". */
export function dayLabel(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dayFormat.format(parsed);
}

export interface DailySeries {
  readonly labels: string[];
  readonly escalations: number[];
  readonly claimed: number[];
  /** Minutes, one decimal; null where nothing was picked up that day (a gap in the line). */
  readonly claimMinutes: (number | null)[];
  readonly actionMinutes: (number | null)[];
}

const toMinutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

/** The daily rows as chart series: counts per day, and medians in minutes. */
export function dailySeries(days: readonly EscalationMetricsDay[]): DailySeries {
  return {
    labels: days.map((day) => dayLabel(day.date)),
    escalations: days.map((day) => day.nEscalations),
    claimed: days.map((day) => day.nClaimed),
    claimMinutes: days.map((day) => toMinutes(day.medianTimeToClaimSeconds)),
    actionMinutes: days.map((day) => toMinutes(day.medianTimeToFirstActionSeconds)),
  };
}
