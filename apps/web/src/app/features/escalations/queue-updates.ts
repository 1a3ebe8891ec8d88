import type { EscalationQueueItem, HandoffClaimedEvent, HandoffClosedEvent } from '@resolutionflow/contracts';

/** Open escalations first, newest first; claimed ones after, newest first. */
export function sortQueue(items: readonly EscalationQueueItem[]): EscalationQueueItem[] {
  return [...items].sort((a, b) => Number(!!a.claimedBy) - Number(!!b.claimedBy) || b.createdAt.localeCompare(a.createdAt));
}

/** A new escalation from the stream: it replaces any older card of the same session. */
export function applyCreated(items: readonly EscalationQueueItem[], card: EscalationQueueItem): EscalationQueueItem[] {
  return [card, ...items.filter((item) => item.sessionId !== card.sessionId)];
}

/** Someone claimed: the card says who and when. */
export function applyClaimed(items: readonly EscalationQueueItem[], event: HandoffClaimedEvent): EscalationQueueItem[] {
  return items.map((item) =>
    item.sessionId === event.sessionId && (!item.handoffId || !event.handoffId || item.handoffId === event.handoffId)
      ? { ...item, claimedBy: event.claimedBy, claimedAt: event.claimedAt || item.claimedAt }
      : item,
  );
}

/** An escalation nobody claimed stopped waiting (its session was resolved): its card leaves the queue. */
export function applyClosed(items: readonly EscalationQueueItem[], event: Pick<HandoffClosedEvent, 'handoffId' | 'sessionId'>): EscalationQueueItem[] {
  return items.filter((item) => !(item.sessionId === event.sessionId && (!item.handoffId || item.handoffId === event.handoffId)));
}
