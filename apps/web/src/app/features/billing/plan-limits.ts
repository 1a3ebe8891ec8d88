import type { PlanLimits } from '@resolutionflow/contracts';

/** The limits of a plan as short lines ("Up to 5 seats", "Unlimited sessions"). */
export function describeLimits(limits: PlanLimits): string[] {
  const count = (value: number | null, one: string, many: string) => {
    if (value === null) return `Unlimited ${many}`;
    if (value === 0) return `No ${many}`;
    return `Up to ${value} ${value === 1 ? one : many}`;
  };
  return [
    count(limits.seats, 'seat', 'seats'),
    limits.monthlySessions === null
      ? 'Unlimited sessions'
      : limits.monthlySessions === 0
        ? 'No AI sessions'
        : `${limits.monthlySessions} sessions a month`,
    count(limits.standaloneScriptSessions, 'script builder session', 'script builder sessions'),
    limits.proFeatures ? 'Escalations, live handoffs, AI assessments, PSA sync and analytics' : 'Without escalations, handoffs or integrations',
  ];
}
