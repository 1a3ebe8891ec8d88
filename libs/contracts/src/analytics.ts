import { z } from 'zod';

export const ANALYTICS_PERIODS = ['7d', '30d', '90d'] as const;
export const analyticsPeriodSchema = z.enum(ANALYTICS_PERIODS);
export type AnalyticsPeriod = z.infer<typeof analyticsPeriodSchema>;

/** A period is that many UTC calendar days, today included. */
export const ANALYTICS_PERIOD_DAYS: Record<AnalyticsPeriod, number> = { '7d': 7, '30d': 30, '90d': 90 };

export const escalationMetricsQuerySchema = z.object({ period: analyticsPeriodSchema.default('30d') });
export type EscalationMetricsQuery = z.output<typeof escalationMetricsQuerySchema>;

/** Seconds, to the millisecond; null when there is nothing to measure. */
const secondsSchema = z.number().nonnegative().nullable();

/** Escalation raised → claimed, over the escalations raised in the period. */
export const timeToClaimSchema = z.object({
  avgSeconds: secondsSchema,
  medianSeconds: secondsSchema,
  p95Seconds: secondsSchema,
  /** Raised in the period and claimed since. */
  nClaimed: z.number().int().nonnegative(),
  /** Raised in the period and still waiting. */
  nUnclaimed: z.number().int().nonnegative(),
});
export type TimeToClaim = z.infer<typeof timeToClaimSchema>;

/** One UTC day of the period: what was raised and what was picked up that day. */
export const escalationMetricsDaySchema = z.object({
  /** `YYYY-MM-DD`, UTC. */
  date: z.string(),
  /** Escalations raised that day. */
  nEscalations: z.number().int().nonnegative(),
  /** Escalations picked up that day. */
  nClaimed: z.number().int().nonnegative(),
  /** Median raised → claimed of the escalations picked up that day. */
  medianTimeToClaimSeconds: secondsSchema,
  /** Median time to first action of the escalations picked up that day. */
  medianTimeToFirstActionSeconds: secondsSchema,
});
export type EscalationMetricsDay = z.infer<typeof escalationMetricsDaySchema>;

/**
 * Time to first action after pickup (the headline fields; `metricDefinition` says exactly what is
 * counted), time to claim, and a zero-filled daily series covering every day of the period.
 */
export const escalationMetricsSchema = z.object({
  period: analyticsPeriodSchema,
  /** Start of the period: UTC midnight of its first day. */
  from: z.string(),
  /** When the figures were computed. */
  to: z.string(),
  /** Escalations claimed in the period. */
  nHandoffsClaimed: z.number().int().nonnegative(),
  /** Of those, the ones the claimer has acted on. */
  nHandoffsWithAction: z.number().int().nonnegative(),
  avgSeconds: secondsSchema,
  medianSeconds: secondsSchema,
  p95Seconds: secondsSchema,
  metricDefinition: z.string(),
  timeToClaim: timeToClaimSchema,
  daily: z.array(escalationMetricsDaySchema),
});
export type EscalationMetrics = z.infer<typeof escalationMetricsSchema>;
