import type { FixStatus, SessionStep, SuggestedFix } from '@resolutionflow/contracts';

/**
 * How a fix shows above the composer while it waits on the engineer:
 * `proposed` (try it or dismiss), `verifying` (did it work?), `nudge` (still verifying although the
 * engineer has moved on: the same choices as `verifying`, worded as a reminder, with "Still checking"
 * for waiting to verify), `partial` and `pending`.
 */
export type BannerMode = 'proposed' | 'verifying' | 'nudge' | 'partial' | 'pending';

export interface FixBanner {
  readonly mode: BannerMode;
  readonly fix: SuggestedFix;
}

/** Fixes in these states block a plain escalation: they still need an outcome. */
export const OUTCOME_NEEDED: readonly FixStatus[] = ['verifying', 'applied_partial', 'applied_pending'];

/** Engineer messages sent after a fix went into verifying before we ask whether it worked. */
export const NUDGE_AFTER_STEPS = 2;

const ORDER: readonly BannerMode[] = ['nudge', 'verifying', 'partial', 'pending', 'proposed'];

function stepsSince(steps: readonly SessionStep[], since: string): number {
  const from = new Date(since).getTime();
  return steps.filter((step) => step.role === 'engineer' && new Date(step.createdAt).getTime() > from).length;
}

/** The banner mode of one fix, or null when it needs nothing more (worked, failed, dismissed). */
export function bannerModeOf(fix: SuggestedFix, steps: readonly SessionStep[]): BannerMode | null {
  switch (fix.status) {
    case 'proposed':
      return 'proposed';
    case 'verifying':
      return stepsSince(steps, fix.updatedAt) >= NUDGE_AFTER_STEPS ? 'nudge' : 'verifying';
    case 'applied_partial':
      return 'partial';
    case 'applied_pending':
      return 'pending';
    default:
      return null;
  }
}

/** Every open fix's banner: what needs a verdict first, then what waits, then suggestions; newest first within each. */
export function fixBanners(fixes: readonly SuggestedFix[], steps: readonly SessionStep[]): FixBanner[] {
  const banners: FixBanner[] = [];
  for (const fix of fixes) {
    const mode = bannerModeOf(fix, steps);
    if (mode) banners.push({ mode, fix });
  }
  return banners.sort(
    (a, b) => ORDER.indexOf(a.mode) - ORDER.indexOf(b.mode) || b.fix.updatedAt.localeCompare(a.fix.updatedAt),
  );
}

/** The fixes an escalation would leave open. */
export function fixesNeedingOutcome(fixes: readonly SuggestedFix[]): SuggestedFix[] {
  return fixes.filter((fix) => OUTCOME_NEEDED.includes(fix.status));
}

const STATUS_LABELS: Record<FixStatus, string> = {
  proposed: 'Suggested',
  verifying: 'Verifying',
  applied_success: 'Worked',
  applied_failed: 'Did not work',
  applied_partial: 'Partly worked',
  applied_pending: 'Waiting to verify',
  dismissed: 'Dismissed',
};

export function fixStatusLabel(status: FixStatus): string {
  return STATUS_LABELS[status];
}
