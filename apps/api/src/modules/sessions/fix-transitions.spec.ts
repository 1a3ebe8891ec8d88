import type { FixOutcome, FixStatus } from '@resolutionflow/contracts';
import { ALLOWED_OUTCOMES, decideOutcome, isTerminal, type FixOutcomeState } from './fix-transitions.js';

const now = new Date('2026-05-04T10:00:00Z');
const earlier = new Date('2026-05-04T09:00:00Z');
const ALL_OUTCOMES: FixOutcome[] = ['verifying', 'applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed'];

function fix(status: FixStatus, patch: Partial<FixOutcomeState> = {}): FixOutcomeState {
  const applied = status.startsWith('applied_');
  return {
    status,
    pendingReason: status === 'applied_pending' ? 'waiting on the client to reboot' : null,
    notes: status === 'applied_partial' ? 'mail flows, calendar does not' : null,
    appliedAt: applied ? earlier : null,
    verifiedAt: status === 'applied_success' || status === 'applied_failed' ? earlier : null,
    ...patch,
  };
}

/** Enough input for any outcome to pass its own requirements. */
const complete = (outcome: FixOutcome) => ({ outcome, reason: 'waiting on replication', notes: 'half of it works' });

describe('fix outcome transitions (SPEC §5 table)', () => {
  const table: [FixStatus, FixOutcome[]][] = [
    ['proposed', ALL_OUTCOMES],
    ['verifying', ALL_OUTCOMES],
    ['applied_partial', ['applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed']],
    ['applied_pending', ['applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed']],
    ['applied_success', []],
    ['applied_failed', []],
    ['dismissed', []],
  ];

  it.each(table)('from %s allows exactly %j', (from, allowed) => {
    expect([...ALLOWED_OUTCOMES[from]].sort()).toEqual([...allowed].sort());
    for (const outcome of ALL_OUTCOMES) {
      const decision = decideOutcome(fix(from), complete(outcome), now);
      if (allowed.includes(outcome)) {
        expect(decision).toMatchObject({ ok: true, next: { status: outcome } });
      } else if (allowed.length === 0) {
        expect(decision).toEqual({ ok: false, rejection: { kind: 'terminal', from } });
      } else {
        expect(decision).toEqual({ ok: false, rejection: { kind: 'not_allowed', from, allowed: ALLOWED_OUTCOMES[from] } });
      }
    }
  });

  it('knows the terminal statuses', () => {
    expect(['applied_success', 'applied_failed', 'dismissed'].every((s) => isTerminal(s as FixStatus))).toBe(true);
    expect(['proposed', 'verifying', 'applied_partial', 'applied_pending'].some((s) => isTerminal(s as FixStatus))).toBe(false);
  });

  it('needs a non-empty reason to wait for verification', () => {
    for (const reason of [undefined, '', '   ']) {
      expect(decideOutcome(fix('verifying'), { outcome: 'applied_pending', reason }, now)).toEqual({
        ok: false,
        rejection: { kind: 'missing', field: 'reason' },
      });
    }
  });

  it('stamps appliedAt but not verifiedAt when waiting to verify', () => {
    const decision = decideOutcome(fix('proposed'), { outcome: 'applied_pending', reason: '  waiting on AD replication ' }, now);
    expect(decision).toEqual({
      ok: true,
      next: { status: 'applied_pending', pendingReason: 'waiting on AD replication', notes: null, appliedAt: now, verifiedAt: null },
    });
  });

  it('updates the reason when pending is recorded again, keeping the first application time', () => {
    const decision = decideOutcome(fix('applied_pending'), { outcome: 'applied_pending', reason: 'waiting on the user to log back in' }, now);
    expect(decision).toMatchObject({ ok: true, next: { pendingReason: 'waiting on the user to log back in', appliedAt: earlier, verifiedAt: null } });
  });

  it('needs notes for a partial outcome and updates them on re-record', () => {
    expect(decideOutcome(fix('verifying'), { outcome: 'applied_partial' }, now)).toEqual({
      ok: false,
      rejection: { kind: 'missing', field: 'notes' },
    });
    const decision = decideOutcome(fix('applied_partial'), { outcome: 'applied_partial', notes: 'calendar works now too' }, now);
    expect(decision).toMatchObject({ ok: true, next: { notes: 'calendar works now too', appliedAt: earlier, verifiedAt: null } });
  });

  it.each(['applied_success', 'applied_failed'] as const)('%s stamps verifiedAt (and appliedAt if it was never applied)', (outcome) => {
    expect(decideOutcome(fix('proposed'), { outcome }, now)).toMatchObject({ ok: true, next: { appliedAt: now, verifiedAt: now } });
    expect(decideOutcome(fix('applied_pending'), { outcome }, now)).toMatchObject({
      ok: true,
      next: { appliedAt: earlier, verifiedAt: now, pendingReason: 'waiting on the client to reboot' },
    });
  });

  it('verifying and dismissed stamp nothing', () => {
    expect(decideOutcome(fix('proposed'), { outcome: 'verifying' }, now)).toMatchObject({ ok: true, next: { appliedAt: null, verifiedAt: null } });
    expect(decideOutcome(fix('applied_pending'), { outcome: 'dismissed' }, now)).toMatchObject({
      ok: true,
      next: { status: 'dismissed', appliedAt: earlier, verifiedAt: null },
    });
  });
});
