import type { FixOutcome, FixStatus } from '@resolutionflow/contracts';

/** What a recorded outcome may follow (SPEC §5): terminal fixes accept nothing, `verifying` is only reachable before an application. */
export const ALLOWED_OUTCOMES: Readonly<Record<FixStatus, readonly FixOutcome[]>> = {
  proposed: ['verifying', 'applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed'],
  verifying: ['verifying', 'applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed'],
  applied_partial: ['applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed'],
  applied_pending: ['applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed'],
  applied_success: [],
  applied_failed: [],
  dismissed: [],
};

/** A fix whose outcome is still open: escalating past it needs an explicit acknowledgement. */
export const OPEN_OUTCOME_STATUSES: readonly FixStatus[] = ['verifying', 'applied_partial', 'applied_pending'];

export function isTerminal(status: FixStatus): boolean {
  return ALLOWED_OUTCOMES[status].length === 0;
}

export interface FixOutcomeState {
  status: FixStatus;
  pendingReason: string | null;
  notes: string | null;
  appliedAt: Date | null;
  verifiedAt: Date | null;
}

export interface OutcomeInput {
  outcome: FixOutcome;
  reason?: string;
  notes?: string;
}

export type OutcomeRejection =
  | { kind: 'terminal'; from: FixStatus }
  | { kind: 'not_allowed'; from: FixStatus; allowed: readonly FixOutcome[] }
  | { kind: 'missing'; field: 'reason' | 'notes' };

export type OutcomeDecision = { ok: true; next: FixOutcomeState } | { ok: false; rejection: OutcomeRejection };

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

/**
 * The fix after recording `input`, or why it cannot be recorded. Applying stamps `appliedAt` once
 * (the first application counts); only a verdict of worked / did not work stamps `verifiedAt`;
 * waiting to verify clears it. Reasons and notes outlive the status that needed them, as history.
 */
export function decideOutcome(fix: FixOutcomeState, input: OutcomeInput, now: Date): OutcomeDecision {
  const allowed = ALLOWED_OUTCOMES[fix.status];
  if (allowed.length === 0) return { ok: false, rejection: { kind: 'terminal', from: fix.status } };
  if (!allowed.includes(input.outcome)) return { ok: false, rejection: { kind: 'not_allowed', from: fix.status, allowed } };
  if (input.outcome === 'applied_pending' && blank(input.reason)) return { ok: false, rejection: { kind: 'missing', field: 'reason' } };
  if (input.outcome === 'applied_partial' && blank(input.notes)) return { ok: false, rejection: { kind: 'missing', field: 'notes' } };

  const next: FixOutcomeState = {
    ...fix,
    status: input.outcome,
    notes: blank(input.notes) ? fix.notes : input.notes!.trim(),
  };
  switch (input.outcome) {
    case 'applied_success':
    case 'applied_failed':
      next.appliedAt = fix.appliedAt ?? now;
      next.verifiedAt = now;
      break;
    case 'applied_partial':
      next.appliedAt = fix.appliedAt ?? now;
      break;
    case 'applied_pending':
      next.appliedAt = fix.appliedAt ?? now;
      next.verifiedAt = null;
      next.pendingReason = input.reason!.trim();
      break;
    case 'verifying':
    case 'dismissed':
      break;
  }
  return { ok: true, next };
}
