/** One committed domain event as the live stream carries it. `id` is the outbox id, the SSE event id. */
export interface LiveEvent {
  id: string;
  accountId: string;
  type: string;
  payload: unknown;
  /** Set when only one person should see it (their notification). */
  recipientUserId: string | null;
  createdAt: string;
}

export const OUTBOX_CHANNEL = 'rf_outbox';
