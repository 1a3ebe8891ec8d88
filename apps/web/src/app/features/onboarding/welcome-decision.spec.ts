import { landingAfterSignIn, OnboardingFacts, stepBySlug, welcomeDecision, welcomePath } from './welcome-decision';

const owner = (onboardingStepCompleted: number | null, onboardingDismissed = false): OnboardingFacts => ({
  role: 'owner',
  onboardingStepCompleted,
  onboardingDismissed,
});

describe('welcomeDecision (the /welcome routing table)', () => {
  it.each([
    ['nothing done yet', owner(null), { kind: 'step', step: 1 }],
    ['step 1 done', owner(1), { kind: 'step', step: 2 }],
    ['step 2 done', owner(2), { kind: 'step', step: 3 }],
    ['all three done', owner(3), { kind: 'home' }],
    ['more than three recorded', owner(4), { kind: 'home' }],
    ['dismissed before starting', owner(null, true), { kind: 'home' }],
    ['dismissed after step 1', owner(1, true), { kind: 'home' }],
    ['a zero step count', owner(0), { kind: 'step', step: 1 }],
  ] as const)('%s → %j', (_case, facts, expected) => {
    expect(welcomeDecision(facts)).toEqual(expected);
  });

  it.each(['admin', 'engineer', 'viewer'] as const)('never shows the wizard to an invited %s', (role) => {
    expect(welcomeDecision({ role, onboardingStepCompleted: null, onboardingDismissed: false })).toEqual({ kind: 'home' });
  });

  it('maps decisions to URLs', () => {
    expect(welcomePath({ kind: 'home' })).toBe('/');
    expect(welcomePath({ kind: 'step', step: 1 })).toBe('/welcome/shop');
    expect(welcomePath({ kind: 'step', step: 2 })).toBe('/welcome/team');
    expect(welcomePath({ kind: 'step', step: 3 })).toBe('/welcome/tools');
  });

  it('finds steps by their URL slug only', () => {
    expect(stepBySlug('team')?.step).toBe(2);
    expect(stepBySlug('2')).toBeUndefined();
    expect(stepBySlug(undefined)).toBeUndefined();
  });

  it('sends someone who just signed in where they were going, else to the unfinished wizard, else home', () => {
    expect(landingAfterSignIn(owner(1), '/team')).toBe('/team');
    expect(landingAfterSignIn(owner(1), null)).toBe('/welcome/team');
    expect(landingAfterSignIn(owner(3), null)).toBe('/');
    expect(landingAfterSignIn({ role: 'engineer', onboardingStepCompleted: null, onboardingDismissed: false }, null)).toBe('/');
  });
});
