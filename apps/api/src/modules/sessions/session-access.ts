import { ESCALATION_STATUSES, type Role, type SessionStatus } from '@resolutionflow/contracts';

export interface SessionParties {
  ownerId: string;
  escalatedToId: string | null;
  status: SessionStatus;
}

export interface SessionCaller {
  userId: string | null;
  role: Role;
}

const isEscalationOpen = (status: SessionStatus) => (ESCALATION_STATUSES as readonly SessionStatus[]).includes(status);

export function isOwner(session: SessionParties, caller: SessionCaller): boolean {
  return caller.userId !== null && session.ownerId === caller.userId;
}

export function isClaimer(session: SessionParties, caller: SessionCaller): boolean {
  return caller.userId !== null && session.escalatedToId === caller.userId;
}

/**
 * Who may read a session: its owner, the engineer it is escalated to or who claimed it, and any
 * member of the account while it waits for help (so seniors can look before claiming).
 */
export function canRead(session: SessionParties, caller: SessionCaller): boolean {
  return isOwner(session, caller) || isClaimer(session, caller) || isEscalationOpen(session.status);
}

/** Who may work a session (chat, fixes, resolve, ticket link): its owner and its claimer. */
export function canWork(session: SessionParties, caller: SessionCaller): boolean {
  return caller.role !== 'viewer' && (isOwner(session, caller) || isClaimer(session, caller));
}
