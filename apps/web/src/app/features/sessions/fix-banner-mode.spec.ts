import type { FixStatus, SessionStep, SuggestedFix } from '@resolutionflow/contracts';

import { bannerModeOf, fixBanners, fixesNeedingOutcome, fixStatusLabel } from './fix-banner-mode';

function aFix(status: FixStatus, overrides: Partial<SuggestedFix> = {}): SuggestedFix {
  return {
    id: `fix-${status}`,
    sessionId: 's1',
    title: `Fix ${status}`,
    description: 'Do the thing',
    status,
    source: 'assistant',
    pendingReason: status === 'applied_pending' ? 'the user restarting' : null,
    notes: null,
    draftScript: null,
    draftParameters: null,
    appliedAt: null,
    verifiedAt: null,
    createdBy: null,
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z',
    ...overrides,
  };
}

function aStep(role: SessionStep['role'], createdAt: string): SessionStep {
  return { id: createdAt, sessionId: 's1', sequence: 1, role, authorId: null, content: 'x', createdAt };
}

describe('bannerModeOf', () => {
  it.each([
    ['proposed', 'proposed'],
    ['verifying', 'verifying'],
    ['applied_partial', 'partial'],
    ['applied_pending', 'pending'],
    ['applied_success', null],
    ['applied_failed', null],
    ['dismissed', null],
  ] as const)('%s → %s', (status, mode) => {
    expect(bannerModeOf(aFix(status), [])).toBe(mode);
  });

  it('nudges once the engineer has sent two messages since the fix went into verifying', () => {
    const fix = aFix('verifying', { updatedAt: '2026-03-10T10:00:00.000Z' });
    const before = aStep('engineer', '2026-03-10T09:59:00.000Z');
    const first = aStep('engineer', '2026-03-10T10:01:00.000Z');
    const reply = aStep('assistant', '2026-03-10T10:01:05.000Z');
    const second = aStep('engineer', '2026-03-10T10:02:00.000Z');
    expect(bannerModeOf(fix, [before, first, reply])).toBe('verifying');
    expect(bannerModeOf(fix, [before, first, reply, second])).toBe('nudge');
  });
});

describe('fixBanners', () => {
  it('puts what needs a verdict first, then what waits, then suggestions, newest first within a mode', () => {
    const older = aFix('proposed', { id: 'p-old', updatedAt: '2026-03-10T09:00:00.000Z' });
    const newer = aFix('proposed', { id: 'p-new', updatedAt: '2026-03-10T11:00:00.000Z' });
    const banners = fixBanners(
      [older, aFix('applied_pending'), aFix('applied_success'), newer, aFix('verifying'), aFix('applied_partial')],
      [],
    );
    expect(banners.map((b) => [b.mode, b.fix.id])).toEqual([
      ['verifying', 'fix-verifying'],
      ['partial', 'fix-applied_partial'],
      ['pending', 'fix-applied_pending'],
      ['proposed', 'p-new'],
      ['proposed', 'p-old'],
    ]);
  });

  it('has no banner when every fix is settled', () => {
    expect(fixBanners([aFix('applied_success'), aFix('dismissed'), aFix('applied_failed')], [])).toEqual([]);
  });
});

describe('fixesNeedingOutcome', () => {
  it('lists verifying, partial and pending fixes only', () => {
    const all = (['proposed', 'verifying', 'applied_partial', 'applied_pending', 'applied_success', 'dismissed'] as const).map((s) => aFix(s));
    expect(fixesNeedingOutcome(all).map((f) => f.status)).toEqual(['verifying', 'applied_partial', 'applied_pending']);
  });

  it('labels statuses in words', () => {
    expect(fixStatusLabel('applied_pending')).toBe('Waiting to verify');
  });
});
