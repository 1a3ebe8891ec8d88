import type { Me } from '@resolutionflow/contracts';

export type WizardStep = 1 | 2 | 3;

export interface WizardStepInfo {
  readonly step: WizardStep;
  readonly slug: string;
  readonly title: string;
}

export const WIZARD_STEPS: readonly WizardStepInfo[] = [
  { step: 1, slug: 'shop', title: 'Your shop' },
  { step: 2, slug: 'team', title: 'Invite your team' },
  { step: 3, slug: 'tools', title: 'Connect your tools' },
];

export type WelcomeDecision = { readonly kind: 'home' } | { readonly kind: 'step'; readonly step: WizardStep };

export type OnboardingFacts = Pick<Me, 'role' | 'onboardingStepCompleted' | 'onboardingDismissed'>;

/**
 * Where `/welcome` leads. The wizard sets up an account, so it is for its owners only; invitees
 * never see it (the API stores them with it dismissed, so a teammate later promoted to owner still
 * skips it). Then: dismissed → home; three steps done → home; otherwise the step after the last one done.
 */
export function welcomeDecision(facts: OnboardingFacts): WelcomeDecision {
  if (facts.role !== 'owner') return { kind: 'home' };
  if (facts.onboardingDismissed) return { kind: 'home' };
  const completed = facts.onboardingStepCompleted ?? 0;
  if (completed >= 3) return { kind: 'home' };
  return { kind: 'step', step: (Math.max(completed, 0) + 1) as WizardStep };
}

export function stepInfo(step: WizardStep): WizardStepInfo {
  return WIZARD_STEPS[step - 1]!;
}

export function stepBySlug(slug: string | undefined): WizardStepInfo | undefined {
  return WIZARD_STEPS.find((info) => info.slug === slug);
}

/** The URL of a decision. */
export function welcomePath(decision: WelcomeDecision): string {
  return decision.kind === 'home' ? '/' : `/welcome/${stepInfo(decision.step).slug}`;
}

/** Where someone goes right after signing in: where they were headed, else the wizard while it is unfinished, else home. */
export function landingAfterSignIn(facts: OnboardingFacts, returnUrl: string | null): string {
  return returnUrl ?? welcomePath(welcomeDecision(facts));
}
