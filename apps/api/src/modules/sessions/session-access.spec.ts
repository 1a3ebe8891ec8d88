import type { Role, SessionStatus } from '@resolutionflow/contracts';
import { canRead, canWork } from './session-access.js';

const OWNER = '00000000-0000-4000-8000-000000000001';
const CLAIMER = '00000000-0000-4000-8000-000000000002';
const OTHER = '00000000-0000-4000-8000-000000000003';
const STATUSES: SessionStatus[] = ['active', 'requesting_escalation', 'escalated', 'parked', 'resolved'];

const session = (status: SessionStatus) => ({ ownerId: OWNER, escalatedToId: CLAIMER, status });
const caller = (userId: string | null, role: Role = 'engineer') => ({ userId, role });

describe('session access', () => {
  it.each(STATUSES)('owner and claimer read and work a %s session', (status) => {
    for (const id of [OWNER, CLAIMER]) {
      expect(canRead(session(status), caller(id))).toBe(true);
      expect(canWork(session(status), caller(id))).toBe(true);
    }
  });

  it.each(STATUSES)('another member reads a %s session only while it waits for help, and never works it', (status) => {
    const waiting = status === 'requesting_escalation' || status === 'escalated';
    for (const role of ['owner', 'admin', 'engineer', 'viewer'] as Role[]) {
      expect(canRead(session(status), caller(OTHER, role))).toBe(waiting);
      expect(canWork(session(status), caller(OTHER, role))).toBe(false);
    }
  });

  it('an API key without a user is nobody in particular', () => {
    expect(canRead(session('active'), caller(null, 'admin'))).toBe(false);
    expect(canWork(session('escalated'), caller(null, 'admin'))).toBe(false);
  });

  it('a viewer never works a session, even one it somehow owns', () => {
    expect(canWork(session('active'), caller(OWNER, 'viewer'))).toBe(false);
  });
});
