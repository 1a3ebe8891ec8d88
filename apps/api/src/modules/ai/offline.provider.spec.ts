import type { AiSessionFacts } from './ai-provider.js';
import { OfflineAiProvider, OFFLINE_NOTICE } from './offline.provider.js';

const facts = (patch: Partial<AiSessionFacts> = {}): AiSessionFacts => ({
  problemSummary: 'Outlook keeps asking for a password',
  psaTicketId: null,
  status: 'active',
  escalationReason: null,
  steps: [{ role: 'engineer', content: 'Started after the password change', createdAt: new Date() }],
  fixes: [],
  ...patch,
});

const pending = {
  title: 'Clear the cached credential',
  description: 'Remove it from the credential store',
  status: 'applied_pending' as const,
  pendingReason: 'waiting for the user to sign in again',
  notes: null,
  hasDraftScript: false,
};

async function drain(provider: OfflineAiProvider, message: string, input = facts()) {
  const stream = provider.reply({ facts: input, message });
  const pieces: string[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { pieces, result: next.value };
    pieces.push(next.value);
  }
}

describe('OfflineAiProvider', () => {
  const sut = new OfflineAiProvider();

  it('says it is offline and builds the reply from the session facts, streamed in pieces', async () => {
    const { pieces, result } = await drain(sut, 'Any idea?', facts({ fixes: [pending] }));
    expect(result.text.startsWith(OFFLINE_NOTICE)).toBe(true);
    expect(result.text).toContain('Problem: Outlook keeps asking for a password');
    expect(result.text).toContain('Noted your step 2.');
    expect(result.text).toContain('Waiting to verify "Clear the cached credential": waiting for the user to sign in again.');
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(result.text);
  });

  it('says what a pending fix waits on without doubling "waiting"', async () => {
    const { result } = await drain(sut, 'ok', facts({ fixes: [{ ...pending, pendingReason: 'AD replication' }] }));
    expect(result.text).toContain('Waiting to verify "Clear the cached credential": waiting on AD replication.');
    expect(result.text).toContain('once you are done waiting on AD replication');
  });

  it('is deterministic', async () => {
    const a = await drain(sut, 'Fix: reset the profile');
    const b = await drain(sut, 'Fix: reset the profile');
    expect(a.result).toEqual(b.result);
  });

  it('turns "Fix:" and "Try:" lines into proposals, skipping fixes already recorded', async () => {
    const { result } = await drain(sut, 'Fix: clear the cached credential\nTRY:  rebuild the mail profile \nnot a fix: line', facts({ fixes: [pending] }));
    expect(result.proposedFixes).toEqual([{ title: 'Rebuild the mail profile', description: 'rebuild the mail profile' }]);
  });

  it('frames a pending fix as provisional in the resolution note and as the leading hypothesis in the briefing', async () => {
    const note = await sut.document({ kind: 'resolution_note', facts: facts({ fixes: [pending] }), engineerNote: 'Confirmed by phone' });
    expect(note).toContain('Provisional: "Clear the cached credential" was applied');
    expect(note).toContain('not yet verified');
    expect(note).toContain("Engineer's note: Confirmed by phone");
    expect(note).toContain('Follow-up: confirm "Clear the cached credential" held.');

    const briefing = await sut.document({ kind: 'escalation_package', facts: facts({ fixes: [pending] }), engineerNote: 'Out of ideas' });
    expect(briefing).toContain('Why it is escalated: Out of ideas');
    expect(briefing).toContain('Leading hypothesis:\n- "Clear the cached credential" was applied and is waiting to be verified; waiting for the user to sign in again.');
  });

  it('assesses from the record with a confidence that follows the fixes', async () => {
    expect((await sut.assess(facts())).confidenceTier).toBe('low');
    const withPending = await sut.assess(facts({ fixes: [pending, { ...pending, title: 'Reset password', status: 'applied_failed', pendingReason: null }] }));
    expect(withPending.confidenceTier).toBe('medium');
    expect(withPending.suggestedSteps[0]).toContain('Confirm whether "Clear the cached credential" worked');
    expect(withPending.suggestedSteps[1]).toContain('Do not repeat what was ruled out: "Reset password"');
  });
});
