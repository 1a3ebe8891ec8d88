import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { EscalationQueueItem } from '@resolutionflow/contracts';

import { browserStorage, CappedIdSet } from '../../shared/storage/capped-id-set';

export const ESCALATION_SEEN_KEY = 'rf-escalation-seen';
export const ESCALATION_SEEN_CAP = 200;

/** One key per escalation: its handoff, or the session for a request made before handoffs existed. */
export function escalationKey(item: Pick<EscalationQueueItem, 'handoffId' | 'sessionId'>): string {
  return item.handoffId ?? `session:${item.sessionId}`;
}

/**
 * Which queue cards this browser has opened or claimed (their unread dot is gone), kept in
 * localStorage so it survives reloads and is shared by tabs; the 200 most recent are kept.
 */
@Injectable({ providedIn: 'root' })
export class EscalationSeenStore {
  private readonly set = new CappedIdSet(browserStorage(), ESCALATION_SEEN_KEY, ESCALATION_SEEN_CAP);
  private readonly version = signal(0);

  constructor() {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== ESCALATION_SEEN_KEY) return;
      this.set.reload();
      this.version.update((v) => v + 1);
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', onStorage);
      inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
    }
  }

  /** Reactive: read it in a template or computed and it updates when a card is marked seen. */
  isSeen(key: string): boolean {
    this.version();
    return this.set.has(key);
  }

  markSeen(key: string): void {
    if (this.set.has(key)) return;
    this.set.add(key);
    this.version.update((v) => v + 1);
  }
}
