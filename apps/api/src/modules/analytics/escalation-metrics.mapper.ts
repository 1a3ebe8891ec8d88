import type { AnalyticsPeriod, EscalationMetrics } from '@resolutionflow/contracts';
import type { EscalationMetricsRow } from './escalation-metrics.repository.js';

/** Sent with every answer so nobody reads the number as time saved. */
export const FIRST_ACTION_METRIC_DEFINITION =
  'Time to first action after pickup: for escalations claimed in this period, the seconds from the claim to the ' +
  "claiming engineer's first message in the session since the escalation was raised. Messages from the engineer who " +
  'escalated, assistant replies and system notes do not count, because they are not the person who picked it up ' +
  'getting to work. A first message stamped before the claim (already working when they pressed Pick Up, or clock ' +
  'drift) counts as 0 seconds, never less. Escalations claimed with no message yet count in nHandoffsClaimed only; ' +
  'unclaimed escalations and parked sessions are left out. The period is the last 7, 30 or 90 UTC calendar days, ' +
  'today included. This measures how quickly work resumes after a handoff. It is not minutes saved: estimating ' +
  'savings needs a baseline measured separately, such as timing handoffs done without ResolutionFlow.';

/** PostgreSQL answers in double precision; the API speaks in milliseconds' worth of seconds. */
function seconds(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

export function toEscalationMetrics(period: AnalyticsPeriod, row: EscalationMetricsRow): EscalationMetrics {
  const { firstAction, timeToClaim } = row;
  return {
    period,
    from: row.from,
    to: row.to,
    nHandoffsClaimed: firstAction.nClaimed,
    nHandoffsWithAction: firstAction.nWithAction,
    avgSeconds: seconds(firstAction.avg),
    medianSeconds: seconds(firstAction.median),
    p95Seconds: seconds(firstAction.p95),
    metricDefinition: FIRST_ACTION_METRIC_DEFINITION,
    timeToClaim: {
      avgSeconds: seconds(timeToClaim.avg),
      medianSeconds: seconds(timeToClaim.median),
      p95Seconds: seconds(timeToClaim.p95),
      nClaimed: timeToClaim.nClaimed,
      nUnclaimed: timeToClaim.nUnclaimed,
    },
    daily: row.daily.map((day) => ({
      date: day.date,
      nEscalations: day.nEscalations,
      nClaimed: day.nClaimed,
      medianTimeToClaimSeconds: seconds(day.medianTimeToClaim),
      medianTimeToFirstActionSeconds: seconds(day.medianTimeToFirstAction),
    })),
  };
}
