import { AppError } from '../../core/errors/app-error.js';

export const LAST_ONBOARDING_STEP = 3;

/** `advance`: the step after the last completed one, to be applied; `repeat`: already applied, a no-op. */
export type StepMove = 'advance' | 'repeat';

/**
 * Where a requested step stands against the last completed one. The wizard only moves forward,
 * one step at a time, so a stale tab or a replayed request can neither undo nor jump steps;
 * re-sending the current step answers the state again without touching anything.
 */
export function stepMove(completed: number | null, step: number): StepMove {
  const current = completed ?? 0;
  if (step === current) return 'repeat';
  const details = { onboardingStepCompleted: completed, step };
  if (step < current) {
    throw new AppError(409, 'onboarding_step_cannot_decrease', `Step ${current} is already completed; onboarding does not go back`, details);
  }
  if (step > current + 1) {
    throw new AppError(409, 'onboarding_step_out_of_order', `Complete or skip step ${current + 1} first`, {
      ...details,
      nextStep: current + 1,
    });
  }
  return 'advance';
}
