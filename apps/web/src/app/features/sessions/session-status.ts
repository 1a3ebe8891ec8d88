import type { ConfidenceTier, SessionSummary } from '@resolutionflow/contracts';

import type { StatusTone } from '../../shared/status-pill/status-pill.component';

export interface SessionStatusView {
  readonly label: string;
  readonly tone: StatusTone;
  /** A sentence about where the session stands, when the label alone does not say it. */
  readonly detail: string | null;
}

/** How a session's status reads to `meId`. */
export function sessionStatusView(session: Pick<SessionSummary, 'status' | 'ownerId' | 'escalatedToId'>, meId: string): SessionStatusView {
  switch (session.status) {
    case 'active':
      return { label: 'Active', tone: 'ok', detail: null };
    case 'parked':
      return { label: 'Parked', tone: 'neutral', detail: 'Set aside. Write in it again to pick it back up.' };
    case 'resolved':
      return { label: 'Resolved', tone: 'ok', detail: null };
    case 'requesting_escalation':
    case 'escalated': {
      if (session.ownerId === meId) {
        return {
          label: 'Escalated',
          tone: 'warning',
          detail: session.escalatedToId ? 'A teammate has it now; you can still follow along.' : 'Waiting for a teammate to pick it up.',
        };
      }
      return {
        label: 'Escalated',
        tone: 'warning',
        detail: session.escalatedToId === meId ? 'You are working this escalation.' : 'Waiting for someone to pick it up.',
      };
    }
  }
}

/** Escalated, whichever generation of escalation: the sidebar's "Escalated" pill. */
export function isInEscalation(session: Pick<SessionSummary, 'status'>): boolean {
  return session.status === 'escalated' || session.status === 'requesting_escalation';
}

export const CONFIDENCE_LABELS: Record<ConfidenceTier, string> = { low: 'Low', medium: 'Medium', high: 'High' };
